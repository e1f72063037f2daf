package uk.ac.ceda.nlds.db.catalog.migration;

import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.BIGINT;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.INTEGER;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.TIMESTAMP;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import java.util.List;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/**
 * Alembic 991b6f8cf6be (2023-07-05): the catalog's first tables, with the 2023 path types.
 * (Upstream imported its live enum here, so databases it created after April 2025 started with
 * the newer labels; revision 8 accepts both.)
 */
public class V1__Create_initial_tables extends Revision {

    static final ColumnType.Enum PATH_TYPE = ColumnType.Enum.of("pathtype", "FILE", "DIRECTORY", "LINK_UNCLASSIFIED",
            "LINK_COMMON_PATH", "LINK_ABSOLUTE_PATH", "NOT_RECOGNISED");
    static final ColumnType.Enum STORAGE = ColumnType.Enum.of("storage", "OBJECT_STORAGE", "TAPE");

    static final Table HOLDING = Table.named("holding").id()
            .column("label", VARCHAR, false)
            .column("user", VARCHAR, false)
            .column("group", VARCHAR, false)
            .unique("label", "user")
            .index("label")
            .build();

    static final Table TRANSACTION = Table.named("transaction").id()
            .column("transaction_id", VARCHAR, false)
            .column("ingest_time", TIMESTAMP, true)
            .column("holding_id", INTEGER, false)
            .foreignKey("holding_id", "holding")
            .index("transaction_id")
            .index("holding_id")
            .build();

    static final Table TAG = Table.named("tag").id()
            .column("key", VARCHAR, true)
            .column("value", VARCHAR, true)
            .column("holding_id", INTEGER, false)
            .unique("key", "holding_id")
            .foreignKey("holding_id", "holding")
            .index("holding_id")
            .build();

    static final Table FILE = Table.named("file").id()
            .column("transaction_id", INTEGER, false)
            .column("original_path", VARCHAR, true)
            .column("path_type", PATH_TYPE, true)
            .column("link_path", VARCHAR, true)
            .column("size", BIGINT, true)
            .column("user", INTEGER, true)
            .column("group", INTEGER, true)
            .column("file_permissions", INTEGER, true)
            .foreignKey("transaction_id", "transaction")
            .index("transaction_id")
            .build();

    static final Table LOCATION = Table.named("location").id()
            .column("storage_type", STORAGE, true)
            .column("root", VARCHAR, false)
            .column("path", VARCHAR, false)
            .column("access_time", TIMESTAMP, true)
            .column("file_id", INTEGER, false)
            .foreignKey("file_id", "file")
            .index("file_id")
            .build();

    static final Table CHECKSUM = Table.named("checksum").id()
            .column("checksum", VARCHAR, false)
            .column("algorithm", VARCHAR, false)
            .column("file_id", INTEGER, false)
            .unique("checksum", "algorithm")
            .foreignKey("file_id", "file")
            .index("file_id")
            .build();

    private static final List<Table> TABLES = List.of(HOLDING, TRANSACTION, TAG, FILE, LOCATION, CHECKSUM);

    @Override
    public String alembicId() {
        return "991b6f8cf6be";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().createEnum(PATH_TYPE);
        context.schema().createEnum(STORAGE);
        for (Table table : TABLES) {
            context.schema().createTable(table);
        }
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        long rows = 0;
        for (Table table : TABLES) {
            rows += context.count("SELECT COUNT(*) FROM " + Sql.quote(table.name()));
        }
        context.refuseLoss(rows, "every row of the " + context.database() + " database");
        for (int i = TABLES.size() - 1; i >= 0; i--) {
            context.schema().dropTable(TABLES.get(i));
        }
        context.schema().dropEnum(STORAGE);
        context.schema().dropEnum(PATH_TYPE);
    }
}
