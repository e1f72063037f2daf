package uk.ac.ceda.nlds.db.testsupport.next.catalog.migration;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;

/**
 * Test-only: a revision after this build's head that changes nothing, for running tests with
 * {@code -Dnlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.testsupport.next.catalog.migration} to show they
 * ask {@link uk.ac.ceda.nlds.db.testsupport.RevisionChain} for head instead of naming V9.
 */
public class V10__Next_revision extends Revision {

    @Override
    public String alembicId() {
        return "00000000000a";
    }

    @Override
    protected void upgrade(RevisionContext context) {
        // a new revision's schema and data steps would go here
    }

    @Override
    protected void downgrade(RevisionContext context) {
        // nothing to undo
    }
}
