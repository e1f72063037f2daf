package uk.ac.ceda.nlds.db.migration.lock;

import java.time.Duration;

/**
 * A revision could not get its locks within {@code nlds.migration.lock-retry-for}: every attempt
 * rolled back, so the database is at the revision before it. Says who was in the way and what to do.
 */
public final class LockRetriesSpentException extends RuntimeException {

    private final transient LockWait lastSeen;

    LockRetriesSpentException(String revision, LockWait lastSeen, int attempts, Duration retryFor, Throwable cause) {
        super(message(revision, lastSeen, attempts, retryFor), cause);
        this.lastSeen = lastSeen;
    }

    /** The last wait a watcher saw, or null when none was seen (a lock timeout shorter than a look). */
    public LockWait lastSeen() {
        return lastSeen;
    }

    private static String message(String revision, LockWait seen, int attempts, Duration retryFor) {
        String table = seen == null || seen.table() == null ? "a table" : "table " + seen.table();
        String what = "revision " + (revision == null ? "(unknown)" : revision) + " could not lock " + table + " in "
                + attempts + " attempts over " + LockPolicy.LOCK_RETRY_FOR + " (" + LockPolicy.describe(retryFor) + ")";
        if (seen == null || seen.blockers().isEmpty()) {
            return what + ": the blocking session was gone before it could be named (see pg_locks); migrate at a quieter"
                    + " moment or raise " + LockPolicy.LOCK_RETRY_FOR;
        }
        String terminate = String.join("; ", seen.blockers().stream()
                .map(b -> "SELECT pg_terminate_backend(" + b.pid() + ")").toList());
        return what + ": blocked by " + seen.describeBlockers() + "; end it (" + terminate
                + ") or migrate at a quieter moment";
    }
}
