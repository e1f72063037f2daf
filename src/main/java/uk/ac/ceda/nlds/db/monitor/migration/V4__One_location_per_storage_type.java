package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic fa9f4b687d19 (2023-07-13): the catalog's locations become unique per storage type; the monitor is untouched. Kept as a no-op
 * so that both databases always speak of the same revision number.
 */
public class V4__One_location_per_storage_type extends Revision {

    @Override
    public String alembicId() {
        return "fa9f4b687d19";
    }

    @Override
    protected void upgrade(RevisionContext context) {
        // no monitor change in this revision
    }

    @Override
    protected void downgrade(RevisionContext context) {
        // no monitor change in this revision
    }
}
