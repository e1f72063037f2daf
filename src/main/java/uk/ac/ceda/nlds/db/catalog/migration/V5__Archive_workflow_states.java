package uk.ac.ceda.nlds.db.catalog.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic eaeeec0b5cf2 (2023-08-28): the monitor's state labels change; the catalog is untouched. Kept as a no-op so that
 * both databases always speak of the same revision number.
 */
public class V5__Archive_workflow_states extends Revision {

    @Override
    public String alembicId() {
        return "eaeeec0b5cf2";
    }

    @Override
    protected void upgrade(RevisionContext context) {
        // no catalog change in this revision
    }

    @Override
    protected void downgrade(RevisionContext context) {
        // no catalog change in this revision
    }
}
