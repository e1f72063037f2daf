package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic 87bbd9e274a1 (2025-04-08): the catalog's path types change; the monitor is untouched. Kept as a no-op
 * so that both databases always speak of the same revision number.
 */
public class V8__Path_types extends Revision {

    @Override
    public String alembicId() {
        return "87bbd9e274a1";
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
