package uk.ac.ceda.nlds.db.migration.lock;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a migration on PostgreSQL so that a lock it cannot get never stalls the database for long:
 * each statement waits at most {@code lock_timeout} (set on the migration sessions); when one
 * gives up (SQLSTATE 55P03), the revision's transaction has rolled back and the database is at the
 * previous complete revision, so the whole migration is simply run again from there after a
 * backoff, until {@code nlds.migration.lock-retry-for} runs out. A watcher names the blocker.
 */
public final class LockTimeoutRetry {

    private static final Logger log = LoggerFactory.getLogger(LockTimeoutRetry.class);
    static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

    private final String database;
    private final DataSource dataSource;
    private final LockPolicy policy;
    private final Supplier<String> revision;
    private final LockWaitListener listener;

    private LockTimeoutRetry(String database, DataSource dataSource, LockPolicy policy, Supplier<String> revision,
            LockWaitListener listener) {
        this.database = database;
        this.dataSource = dataSource;
        this.policy = policy;
        this.revision = revision;
        this.listener = listener;
    }

    /** For a PostgreSQL database; {@code revision} names the revision running now. */
    public static LockTimeoutRetry postgres(String database, DataSource dataSource, LockPolicy policy,
            Supplier<String> revision, LockWaitListener listener) {
        return new LockTimeoutRetry(database, dataSource, policy, revision, listener);
    }

    /** SQLite: a single writer waits on its busy timeout instead; nothing to retry. */
    public static LockTimeoutRetry none() {
        return new LockTimeoutRetry(null, null, null, null, null);
    }

    public <T> T run(Supplier<T> migration) {
        if (dataSource == null) {
            return migration.get();
        }
        long start = System.nanoTime();
        Duration backoff = FIRST_BACKOFF;
        boolean waiting = false;
        LockWait lastSeen = null;
        for (int attempt = 1;; attempt++) {
            RuntimeException failure;
            LockWaitWatcher watcher = LockWaitWatcher.start(database, dataSource, revision, listener,
                    policy.lockTimeout(), waiting);
            try {
                T result = migration.get();
                watcher.close();
                if (watcher.waiting()) {
                    listener.lockWaitOver(database);
                }
                return result;
            } catch (RuntimeException e) {
                watcher.close();
                failure = e;
            }
            lastSeen = watcher.seen() == null ? lastSeen : watcher.seen();
            if (!isLockTimeout(failure)) {
                if (watcher.waiting()) {
                    listener.lockWaitOver(database);
                }
                throw failure;
            }
            waiting = true;
            String blocked = lastSeen != null && lastSeen.revision() != null ? lastSeen.revision() : revision.get();
            Duration left = policy.lockRetryFor().minus(Duration.ofNanos(System.nanoTime() - start));
            if (left.isNegative() || left.isZero()) {
                listener.lockWaitOver(database);
                throw new LockRetriesSpentException(blocked, lastSeen, attempt, policy.lockRetryFor(), failure);
            }
            Duration pause = backoff.compareTo(left) < 0 ? backoff : left;
            log.warn("{}: {} did not get its lock within nlds.migration.lock-timeout ({}) on attempt {}; rolled back to"
                    + " the previous revision, retrying in {} ({} left of nlds.migration.lock-retry-for)", database,
                    blocked, LockPolicy.describe(policy.lockTimeout()), attempt, LockPolicy.describe(pause),
                    LockPolicy.describe(left));
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
            backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) < 0 ? backoff.multipliedBy(2) : LONGEST_BACKOFF;
        }
    }

    /** Whether a statement gave up waiting for a lock (lock_timeout), anywhere in the cause chain. */
    static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
