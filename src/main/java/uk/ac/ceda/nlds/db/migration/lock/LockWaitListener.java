package uk.ac.ceda.nlds.db.migration.lock;

/** Hears when a migration waits for a lock someone else holds, and when that wait is over. */
public interface LockWaitListener {

    /** The migration of {@code database} waits (called again when the blockers change). */
    default void waitingForLock(String database, LockWait wait) {
    }

    /** It got its lock, or gave up (the failure is reported separately). */
    default void lockWaitOver(String database) {
    }
}
