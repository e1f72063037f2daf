package uk.ac.ceda.nlds.db.catalog.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Alembic 82701862649a (2025-09-04): the monitor gains the SPLIT state; the catalog is untouched. Kept as a no-op so that
 * both databases always speak of the same revision number.
 */
public class V9__Split_state extends Revision {

    @Override
    public String alembicId() {
        return "82701862649a";
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
