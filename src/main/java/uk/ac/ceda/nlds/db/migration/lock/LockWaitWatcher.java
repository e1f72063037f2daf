package uk.ac.ceda.nlds.db.migration.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches, on its own connection, whether one attempt of a migration waits for a lock: the first
 * time it does, it logs who blocks it (once per attempt), and it keeps the listener told until the
 * wait is over. The migration's own connection is busy waiting, so only another session can ask.
 */
final class LockWaitWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LockWaitWatcher.class);

    private final String database;
    private final DataSource dataSource;
    private final Supplier<String> revision;
    private final LockWaitListener listener;
    private final Duration interval;
    private final Duration lockTimeout;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean waiting;
    private volatile LockWait seen;

    private LockWaitWatcher(String database, DataSource dataSource, Supplier<String> revision,
            LockWaitListener listener, Duration lockTimeout, boolean waitingAlready) {
        this.database = database;
        this.dataSource = dataSource;
        this.revision = revision;
        this.listener = listener;
        this.lockTimeout = lockTimeout;
        // often enough to see a wait before lock_timeout ends it
        this.interval = Duration.ofMillis(Math.clamp(lockTimeout.toMillis() / 4, 20, 200));
        this.waiting = waitingAlready;
        this.thread = Thread.ofPlatform().daemon().name(database + "-lock-wait-watcher").unstarted(this::watch);
    }

    /** Starts watching; {@code waitingAlready} when the previous attempt ended waiting. */
    static LockWaitWatcher start(String database, DataSource dataSource, Supplier<String> revision,
            LockWaitListener listener, Duration lockTimeout, boolean waitingAlready) {
        LockWaitWatcher watcher = new LockWaitWatcher(database, dataSource, revision, listener, lockTimeout,
                waitingAlready);
        watcher.thread.start();
        return watcher;
    }

    /** The last wait this attempt saw, or null when it never waited while watched. */
    LockWait seen() {
        return seen;
    }

    private void watch() {
        boolean logged = false;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            do {
                Optional<PostgresSessions.Blocked> blocked = PostgresSessions.blockedMigration(connection);
                if (blocked.isPresent()) {
                    LockWait previous = seen;
                    LockWait wait = new LockWait(revision.get(), blocked.get().table(), blocked.get().blockers(),
                            previous == null ? Instant.now() : previous.since());
                    seen = wait;
                    if (!logged) {
                        log.warn("{}: {} waits for a lock on table {} held by {}; after nlds.migration.lock-timeout"
                                + " ({}) it rolls back and retries", database, wait.revision(), wait.table(),
                                wait.describeBlockers(), LockPolicy.describe(lockTimeout));
                        logged = true;
                    }
                    waiting = true;
                    listener.waitingForLock(database, wait);
                } else if (waiting) {
                    waiting = false;
                    listener.lockWaitOver(database);
                }
            } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
        } catch (SQLException e) {
            log.debug("{}: cannot watch for lock waits: {}", database, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops watching; whether the attempt was still reported as waiting. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean waiting() {
        return waiting;
    }
}
