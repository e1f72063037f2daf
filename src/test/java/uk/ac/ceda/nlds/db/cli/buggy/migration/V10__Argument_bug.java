package uk.ac.ceda.nlds.db.cli.buggy.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/** Test-only: a revision with a bug that throws IllegalArgumentException, which is no input error. */
public class V10__Argument_bug extends Revision {

    @Override
    public String alembicId() {
        return "0000000000bb";
    }

    @Override
    protected void upgrade(RevisionContext context) {
        throw new IllegalArgumentException("a bug in the revision");
    }

    @Override
    protected void downgrade(RevisionContext context) {
        // nothing to undo
    }
}
