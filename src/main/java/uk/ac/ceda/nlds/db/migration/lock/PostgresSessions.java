package uk.ac.ceda.nlds.db.migration.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who blocks whom on PostgreSQL, from {@code pg_stat_activity}, {@code pg_locks} and
 * {@code pg_blocking_pids}; and the {@code application_name} migration sessions carry, by which a
 * DBA (and the lock-wait watcher) tells them apart.
 */
public final class PostgresSessions {

    /** {@code nlds-db migration <host>}, cut to the 63 bytes PostgreSQL keeps. */
    public static final String MIGRATION_APPLICATION_NAME = applicationName();

    private static final String SESSION_COLUMNS = "b.pid, b.usename, b.application_name, coalesce(host(b.client_addr), 'local'),"
            + " coalesce(b.state, 'unknown'), b.xact_start, b.state_change,"
            + " left(regexp_replace(b.query, '\\s+', ' ', 'g'), 120)";

    /**
     * The migration session of this database that waits for a heavyweight lock, the table it
     * waits for (a relation lock not granted, or the row lock it queues on) and who blocks it.
     * Only the session that runs the revisions can wait so: the migration lock is taken by polling.
     */
    private static final String BLOCKED_MIGRATION = "SELECT (SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            + " WHERE l.pid = w.pid AND (NOT l.granted OR l.locktype = 'tuple') ORDER BY l.granted LIMIT 1), "
            + SESSION_COLUMNS
            + " FROM pg_stat_activity w CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocking(pid)"
            + " JOIN pg_stat_activity b ON b.pid = blocking.pid"
            + " WHERE w.datname = current_database() AND w.application_name = ? AND w.wait_event_type = 'Lock'"
            + " AND w.pid <> pg_backend_pid() ORDER BY b.pid";

    /** Holders of a session advisory lock on a bigint key: classid is its high half, objid its low half. */
    private static final String ADVISORY_HOLDERS = "SELECT " + SESSION_COLUMNS
            + " FROM pg_locks l JOIN pg_stat_activity b ON b.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.pid <> pg_backend_pid() ORDER BY b.pid";

    private PostgresSessions() {
    }

    /** A blocked migration session: the table it waits for (null when unknown) and its blockers. */
    public record Blocked(String table, List<PostgresSession> blockers) {
    }

    /** The migration session of this database waiting for a lock, if one is. */
    public static Optional<Blocked> blockedMigration(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(BLOCKED_MIGRATION)) {
            ps.setString(1, MIGRATION_APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                String table = null;
                List<PostgresSession> blockers = new ArrayList<>();
                while (rs.next()) {
                    table = table == null ? rs.getString(1) : table;
                    blockers.add(session(rs, 2));
                }
                return blockers.isEmpty() ? Optional.empty() : Optional.of(new Blocked(table, blockers));
            }
        }
    }

    /** Who holds the session advisory lock {@code key} in this database. */
    public static List<PostgresSession> advisoryLockHolders(Connection connection, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(ADVISORY_HOLDERS)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                List<PostgresSession> holders = new ArrayList<>();
                while (rs.next()) {
                    holders.add(session(rs, 1));
                }
                return holders;
            }
        }
    }

    private static PostgresSession session(ResultSet rs, int first) throws SQLException {
        return new PostgresSession(rs.getInt(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), instant(rs.getTimestamp(first + 5)),
                instant(rs.getTimestamp(first + 6)), rs.getString(first + 7));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String applicationName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
        }
        String name = "nlds-db migration " + host;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
