package uk.ac.ceda.nlds.db.migration.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;

/** Turns schema operations into SQL for one backend, and reads a live schema back. */
public interface Dialect {

    static Dialect of(Backend backend) {
        return switch (backend) {
            case SQLITE -> new SqliteDialect();
            case POSTGRESQL -> new PostgresDialect();
        };
    }

    Backend backend();

    /**
     * Applies operations that change one table (a batch, as Alembic's {@code batch_alter_table}
     * queues them), or a single operation that belongs to no table.
     */
    void apply(Connection connection, List<SchemaOp> batch, ProgressReporter progress) throws SQLException;

    SchemaInspector inspector();
}
