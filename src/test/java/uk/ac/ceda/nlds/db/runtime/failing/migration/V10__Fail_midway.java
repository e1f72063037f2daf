package uk.ac.ceda.nlds.db.runtime.failing.migration;

import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.schema.Column;

/** Test-only: changes the schema, then fails, as a revision with a bug would. */
public class V10__Fail_midway extends Revision {

    @Override
    public String alembicId() {
        return "0000000000bb";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.count("SELECT COUNT(*) FROM holding");
        context.schema().alterTable("holding", holding -> holding.addColumn(Column.nullable("half_done", VARCHAR)));
        throw new IllegalStateException("test revision failed after changing the schema");
    }

    @Override
    protected void downgrade(RevisionContext context) {
        // never applied
    }
}
