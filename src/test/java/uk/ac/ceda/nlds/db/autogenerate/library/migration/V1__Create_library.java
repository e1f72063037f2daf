package uk.ac.ceda.nlds.db.autogenerate.library.migration;

import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.INTEGER;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/** Test-only: a small schema for autogenerate's round trip. */
public class V1__Create_library extends Revision {

    static final ColumnType.Enum KIND = ColumnType.Enum.of("kind", "PAPER", "TAPE");

    static final Table SHELF = Table.named("shelf").id()
            .column("label", VARCHAR, false)
            .column("kind", KIND, true)
            .build();

    static final Table BOOK = Table.named("book").id()
            .column("title", VARCHAR, false)
            .column("shelf_id", INTEGER, false)
            .foreignKey("shelf_id", "shelf")
            .index("shelf_id")
            .build();

    @Override
    public String alembicId() {
        return "11b0000000a1";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().createEnum(KIND);
        context.schema().createTable(SHELF);
        context.schema().createTable(BOOK);
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.schema().dropTable(BOOK);
        context.schema().dropTable(SHELF);
        context.schema().dropEnum(KIND);
    }
}
