package uk.ac.ceda.nlds.db.migration.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;

/**
 * What {@link SchemaOperations} hands its operations to: a backend's dialect, which turns them into
 * SQL. An interface of its own so that the DSL does not depend on the dialects that depend on it.
 */
@FunctionalInterface
public interface SchemaOpApplier {

    /**
     * Applies operations that change one table (a batch, as Alembic's {@code batch_alter_table}
     * queues them), or a single operation that belongs to no table.
     */
    void apply(Connection connection, List<SchemaOp> batch, ProgressReporter progress) throws SQLException;
}
