package uk.ac.ceda.nlds.db.catalog.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic c7648694325f (2024-12-16): the monitor's state labels change again; the catalog is untouched. Kept as a no-op so that
 * both databases always speak of the same revision number.
 */
public class V7__State_overhaul extends Revision {

    @Override
    public String alembicId() {
        return "c7648694325f";
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
