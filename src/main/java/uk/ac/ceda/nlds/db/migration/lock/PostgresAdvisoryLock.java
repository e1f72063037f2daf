package uk.ac.ceda.nlds.db.migration.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;

/**
 * A session-level advisory lock on its own connection. Advisory locks are scoped to one
 * database, so one fixed key serves catalog and monitor alike. It is taken by polling
 * {@code pg_try_advisory_lock}, never by queueing in {@code pg_advisory_lock}: a waiting replica
 * then holds no lock request others queue behind, can say every few seconds who holds the lock,
 * and can give up after {@code nlds.migration.lock-wait} (by default it waits as long as it takes).
 */
final class PostgresAdvisoryLock implements MigrationLock {

    private static final Logger log = LoggerFactory.getLogger(PostgresAdvisoryLock.class);
    /** "nlds-db" as a number, so the key is recognisable in pg_locks. */
    static final long KEY = 0x6e6c64732d6462L;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final String database;
    private final DataSource dataSource;
    private final Duration lockWait;
    private final LockWaitListener listener;

    PostgresAdvisoryLock(String database, DataSource dataSource, Duration lockWait, LockWaitListener listener) {
        this.database = database;
        this.dataSource = dataSource;
        this.lockWait = lockWait;
        this.listener = listener;
    }

    @Override
    public Held acquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                awaitLock(connection);
            }
            Connection held = connection;
            return () -> release(held);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new MigrationException(database + ": cannot take the migration lock: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private void awaitLock(Connection connection) throws SQLException {
        Instant since = Instant.now();
        long start = System.nanoTime();
        long reported = 0;
        List<PostgresSession> holders = List.of();
        try {
            while (!tryLock(connection)) {
                long waited = System.nanoTime() - start;
                if (reported == 0 || waited - reported >= REPORT_EVERY.toNanos()) {
                    reported = Math.max(waited, 1);
                    List<PostgresSession> now = PostgresSessions.advisoryLockHolders(connection, KEY);
                    holders = now.isEmpty() ? holders : now;
                    log.info("{}: waiting for the migration lock, held by {}{}", database, describe(holders),
                            lockWait == null ? "" : "; giving up after " + LockPolicy.LOCK_WAIT + " ("
                                    + LockPolicy.describe(lockWait) + ")");
                    listener.waitingForLock(database, new LockWait(null, null, holders, since));
                }
                if (lockWait != null && waited >= lockWait.toNanos()) {
                    throw new MigrationException(database + ": gave up waiting for the migration lock after "
                            + LockPolicy.LOCK_WAIT + " (" + LockPolicy.describe(lockWait) + "): " + describe(holders)
                            + " is migrating this database; let it finish and start again, or, if it is stuck, end it"
                            + " with " + terminate(holders) + "; nothing was changed");
                }
                sleep(lockWait == null ? POLL : min(POLL, lockWait.minusNanos(waited)));
            }
            log.info("{}: the other process finished; continuing", database);
        } finally {
            listener.lockWaitOver(database);
        }
    }

    private static String describe(List<PostgresSession> holders) {
        return holders.isEmpty() ? "another process (it let go before it could be named)"
                : String.join("; ", holders.stream().map(PostgresSession::describeHolder).toList());
    }

    private static String terminate(List<PostgresSession> holders) {
        return holders.isEmpty() ? "SELECT pg_terminate_backend(pid)"
                : String.join("; ", holders.stream().map(h -> "SELECT pg_terminate_backend(" + h.pid() + ")").toList());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b.isNegative() ? Duration.ZERO : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the migration lock", e);
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        return call(connection, "SELECT pg_try_advisory_lock(?)");
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
                return rs.next() && rs.getBoolean(1);
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
