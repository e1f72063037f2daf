package uk.ac.ceda.nlds.db.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Samples {@code pg_locks} of one database every few milliseconds: which of its tables another
 * session holds under {@code ACCESS EXCLUSIVE}, and which revision is running then (the one after
 * the last committed in Flyway's history). Keeps, per revision, the longest unbroken stretch any
 * table stayed so; the resolution is the sampling period plus one query's time.
 */
final class ExclusiveLockSampler implements AutoCloseable {

    private static final String EXCLUSIVE = "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            + " WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.granted AND c.relkind = 'r'"
            + " AND c.relnamespace = 'public'::regnamespace AND l.pid <> pg_backend_pid()"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    private static final String RUNNING = "SELECT coalesce(max(version::int), 0) + 1 FROM flyway_schema_history WHERE success";

    private final String database;
    private final TestDatabase db;
    private final Thread thread;
    private final Map<String, long[]> heldSince = new HashMap<>(); // table -> {start nanos, revision}
    private final Map<Integer, Longest> longest = new TreeMap<>();
    private volatile boolean stopped;

    /** The longest stretch one revision kept one table under ACCESS EXCLUSIVE. */
    record Longest(String table, double seconds) {
    }

    private ExclusiveLockSampler(String database, TestDatabase db) {
        this.database = database;
        this.db = db;
        this.thread = Thread.ofPlatform().name("lock-sampler-" + database).unstarted(this::sample);
    }

    static ExclusiveLockSampler start(String database, TestDatabase db) {
        ExclusiveLockSampler sampler = new ExclusiveLockSampler(database, db);
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        try (Connection connection = db.connect(); PreparedStatement exclusive = connection.prepareStatement(EXCLUSIVE);
                PreparedStatement running = connection.prepareStatement(RUNNING)) {
            while (!stopped) {
                int revision = revision(running);
                long now = System.nanoTime();
                java.util.Set<String> held = new java.util.HashSet<>();
                try (ResultSet rs = exclusive.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
                for (String table : held) {
                    heldSince.putIfAbsent(table, new long[] {now, revision});
                }
                for (var it = heldSince.entrySet().iterator(); it.hasNext();) {
                    var entry = it.next();
                    if (!held.contains(entry.getKey())) {
                        record(entry.getKey(), entry.getValue(), now);
                        it.remove();
                    }
                }
                Thread.sleep(5);
            }
            long now = System.nanoTime();
            heldSince.forEach((table, since) -> record(table, since, now));
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": sampling pg_locks failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int revision(PreparedStatement running) {
        try (ResultSet rs = running.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return 0; // the history table is itself being created or locked
        }
    }

    private void record(String table, long[] since, long now) {
        double seconds = (now - since[0]) / 1e9;
        longest.merge((int) since[1], new Longest(table, seconds), (a, b) -> a.seconds >= b.seconds ? a : b);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }

    /** Per revision, the longest ACCESS EXCLUSIVE stretch on one of this database's tables. */
    Map<Integer, Longest> longest() {
        return Map.copyOf(longest);
    }
}
