package uk.ac.ceda.nlds.db.operations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionRuntime;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * The schema each revision produces, read from a scratch database built by the revisions
 * themselves, so it can never drift from them: on SQLite an in-memory database, on PostgreSQL a
 * scratch schema inside a transaction that is rolled back (the database is never changed).
 */
public final class RevisionShapes {

    private RevisionShapes() {
    }

    /** Element {@code v} is the schema at version {@code v}, for 0 (empty) up to {@code upTo}. */
    public static List<DatabaseSchema> upTo(ManagedDatabase database, int upTo) {
        Backend backend = database.target().backend();
        RevisionCatalogue quiet = database.revisions().withRuntime(new RevisionRuntime(database.id(), backend,
                property -> null, ProgressListener.NONE));
        try (Connection connection = scratch(database)) {
            connection.setAutoCommit(false);
            try {
                if (backend == Backend.POSTGRESQL) {
                    String schema = "nlds_shape_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
                    Sql.execute(connection, "CREATE SCHEMA " + schema);
                    Sql.execute(connection, "SET LOCAL search_path TO " + schema);
                }
                List<DatabaseSchema> shapes = new ArrayList<>();
                shapes.add(inspect(backend, connection));
                for (int version = 1; version <= upTo; version++) {
                    quiet.at(version).apply(connection);
                    shapes.add(inspect(backend, connection));
                }
                return shapes;
            } finally {
                connection.rollback();
            }
        } catch (Exception e) {
            throw new IllegalStateException(database.id() + ": cannot build the schema of each revision in a scratch "
                    + "database: " + e.getMessage(), e);
        }
    }

    private static Connection scratch(ManagedDatabase database) throws SQLException {
        if (database.target().backend() == Backend.SQLITE) {
            return DriverManager.getConnection("jdbc:sqlite::memory:");
        }
        return database.migrationDataSource().getConnection();
    }

    private static DatabaseSchema inspect(Backend backend, Connection connection) throws SQLException {
        return Dialect.of(backend).inspector().inspect(connection);
    }
}
