package uk.ac.ceda.nlds.db.migration.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.migration.MigrationException;

/**
 * A session-level advisory lock on its own connection. Advisory locks are scoped to one
 * database, so one fixed key serves catalog and monitor alike. Waiting has no time limit: a
 * replica waits for as long as another replica's migration takes.
 */
final class PostgresAdvisoryLock implements MigrationLock {

    private static final Logger log = LoggerFactory.getLogger(PostgresAdvisoryLock.class);
    /** "nlds-db" as a number, so the key is recognisable in pg_locks. */
    static final long KEY = 0x6e6c64732d6462L;

    private final String database;
    private final DataSource dataSource;

    PostgresAdvisoryLock(String database, DataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
    }

    @Override
    public Held acquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!call(connection, "SELECT pg_try_advisory_lock(?)")) {
                log.info("{}: another process is migrating this database; waiting for it to finish", database);
                call(connection, "SELECT pg_advisory_lock(?)");
                log.info("{}: the other process finished; continuing", database);
            }
            Connection held = connection;
            return () -> release(held);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new MigrationException(database + ": cannot take the migration lock: " + e.getMessage(), e);
        }
    }

    private void release(Connection connection) {
        try {
            call(connection, "SELECT pg_advisory_unlock(?)");
        } catch (SQLException e) {
            log.warn("{}: releasing the migration lock failed ({}); it ends with the session", database, e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !"f".equals(rs.getString(1)) && !"false".equals(rs.getString(1));
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the session is gone either way, and its lock with it
            }
        }
    }
}
