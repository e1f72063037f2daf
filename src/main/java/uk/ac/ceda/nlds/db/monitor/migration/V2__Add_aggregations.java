package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic bf09ce0d6899 (2023-07-12): the catalog gains aggregations; the monitor is untouched. Kept as a no-op
 * so that both databases always speak of the same revision number.
 */
public class V2__Add_aggregations extends Revision {

    @Override
    public String alembicId() {
        return "bf09ce0d6899";
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
