package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic f1f20ae58def (2023-10-06): the catalog's aggregations gain a failed flag; the monitor is untouched. Kept as a no-op
 * so that both databases always speak of the same revision number.
 */
public class V6__Failed_aggregations extends Revision {

    @Override
    public String alembicId() {
        return "f1f20ae58def";
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
