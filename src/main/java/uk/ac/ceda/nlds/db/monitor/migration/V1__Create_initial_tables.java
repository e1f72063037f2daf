package uk.ac.ceda.nlds.db.monitor.migration;

import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.INTEGER;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.TIMESTAMP;
import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import java.util.List;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/** Alembic 991b6f8cf6be (2023-07-05): the monitor's first tables and its 16 states. */
public class V1__Create_initial_tables extends Revision {

    static final ColumnType.Enum STATE = ColumnType.Enum.of("state", "INITIALISING", "ROUTING", "SPLITTING",
            "INDEXING", "CATALOG_PUTTING", "TRANSFER_PUTTING", "CATALOG_ROLLBACK", "CATALOG_GETTING",
            "TRANSFER_GETTING", "COMPLETE", "FAILED", "CATALOG_BACKUP", "ARCHIVE_PUTTING", "CATALOG_RESTORING",
            "ARCHIVE_GETTING", "CATALOG_UPDATING");

    static final Table TRANSACTION_RECORD = Table.named("transaction_record").id()
            .column("transaction_id", VARCHAR, false)
            .column("user", VARCHAR, false)
            .column("group", VARCHAR, false)
            .column("job_label", VARCHAR, true)
            .column("api_action", VARCHAR, false)
            .column("creation_time", TIMESTAMP, true)
            .index("transaction_id")
            .build();

    static final Table SUB_RECORD = Table.named("sub_record").id()
            .column("sub_id", VARCHAR, false)
            .column("state", STATE, false)
            .column("retry_count", INTEGER, false)
            .column("last_updated", TIMESTAMP, false)
            .column("transaction_record_id", INTEGER, false)
            .foreignKey("transaction_record_id", "transaction_record")
            .index("sub_id")
            .index("transaction_record_id")
            .build();

    static final Table FAILED_FILE = Table.named("failed_file").id()
            .column("filepath", VARCHAR, true)
            .column("reason", VARCHAR, true)
            .column("sub_record_id", INTEGER, false)
            .foreignKey("sub_record_id", "sub_record")
            .index("sub_record_id")
            .build();

    static final Table WARNING = Table.named("warning").id()
            .column("warning", VARCHAR, true)
            .column("transaction_record_id", INTEGER, false)
            .foreignKey("transaction_record_id", "transaction_record")
            .index("transaction_record_id")
            .build();

    private static final List<Table> TABLES = List.of(TRANSACTION_RECORD, SUB_RECORD, FAILED_FILE, WARNING);

    @Override
    public String alembicId() {
        return "991b6f8cf6be";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().createEnum(STATE);
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
        context.schema().dropEnum(STATE);
    }
}
