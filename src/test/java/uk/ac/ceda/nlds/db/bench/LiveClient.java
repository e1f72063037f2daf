package uk.ac.ceda.nlds.db.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import uk.ac.ceda.nlds.db.testsupport.DatabasePair;

/**
 * A client behaving like the previous release while the migration runs: every 20 ms (fixed rate:
 * a late operation is followed at once by the next) it reads a file and its locations by id from
 * the catalog and inserts a transaction record into the monitor, each statement in autocommit on
 * its own connection per database. Records each operation's latency and the statements that fail.
 */
final class LiveClient implements AutoCloseable {

    private final DatabasePair pair;
    private final long files;
    private final long periodNanos;
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> failures = Collections.synchronizedMap(new TreeMap<>());
    private final Thread thread;
    private volatile boolean stopped;

    private LiveClient(DatabasePair pair, long files, long periodMillis) {
        this.pair = pair;
        this.files = files;
        this.periodNanos = periodMillis * 1_000_000;
        this.thread = Thread.ofPlatform().name("live-client").unstarted(this::loop);
    }

    static LiveClient start(DatabasePair pair, long files, long periodMillis) {
        LiveClient client = new LiveClient(pair, files, periodMillis);
        client.thread.start();
        return client;
    }

    private void loop() {
        long next = System.nanoTime();
        Connection catalog = null;
        Connection monitor = null;
        while (!stopped) {
            long start = System.nanoTime();
            try {
                catalog = catalog == null || catalog.isClosed() ? pair.catalog().connect() : catalog;
                monitor = monitor == null || monitor.isClosed() ? pair.monitor().connect() : monitor;
                operate(catalog, monitor);
            } catch (SQLException e) {
                failures.merge(e.getSQLState() + " " + firstLine(e.getMessage()), 1, Integer::sum);
            }
            latencies.add(System.nanoTime() - start);
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
        closeQuietly(catalog);
        closeQuietly(monitor);
    }

    private void operate(Connection catalog, Connection monitor) throws SQLException {
        long id = ThreadLocalRandom.current().nextLong(1, files + 1);
        try (PreparedStatement file = catalog.prepareStatement("SELECT id, original_path FROM file WHERE id = ?")) {
            file.setLong(1, id);
            drain(file);
        }
        try (PreparedStatement locations = catalog.prepareStatement(
                "SELECT id, root, path FROM location WHERE file_id = ?")) {
            locations.setLong(1, id);
            drain(locations);
        }
        try (PreparedStatement record = monitor.prepareStatement("INSERT INTO transaction_record"
                + " (transaction_id, \"user\", \"group\", api_action, creation_time) VALUES (?, 'client', 'client', 'put', now())")) {
            record.setString(1, "client-" + id);
            record.executeUpdate();
        }
    }

    private static void drain(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }

    /** Operation latencies in milliseconds, in order. */
    List<Double> latenciesMillis() {
        synchronized (latencies) {
            return latencies.stream().map(n -> n / 1e6).toList();
        }
    }

    Map<String, Integer> failures() {
        synchronized (failures) {
            return Map.copyOf(failures);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the client is done either way
        }
    }
}
