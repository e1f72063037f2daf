package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic ee82dd99bfc0 (2023-07-12): the catalog's locations gain URL fields; the monitor is untouched. Kept as a no-op
 * so that both databases always speak of the same revision number.
 */
public class V3__Add_storage_url_fields extends Revision {

    @Override
    public String alembicId() {
        return "ee82dd99bfc0";
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
