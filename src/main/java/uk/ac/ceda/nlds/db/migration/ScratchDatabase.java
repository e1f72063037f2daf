package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * A place where revisions can run for real without touching a database's tables: on SQLite an
 * in-memory database, on PostgreSQL a fresh schema inside a transaction of {@code dataSource}'s
 * database. The connection comes with auto-commit off; the caller rolls back, which removes it all.
 */
public final class ScratchDatabase {

    private ScratchDatabase() {
    }

    public static Connection open(Backend backend, DataSource dataSource, String prefix) throws SQLException {
        Connection connection = backend == Backend.SQLITE ? DriverManager.getConnection("jdbc:sqlite::memory:")
                : dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            if (backend == Backend.POSTGRESQL) {
                String schema = prefix + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
                Sql.execute(connection, "CREATE SCHEMA " + schema);
                Sql.execute(connection, "SET LOCAL search_path TO " + schema);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
