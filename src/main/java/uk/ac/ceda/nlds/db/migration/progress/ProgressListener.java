package uk.ac.ceda.nlds.db.migration.progress;

import uk.ac.ceda.nlds.db.migration.lock.LockWait;
import uk.ac.ceda.nlds.db.migration.lock.LockWaitListener;

/**
 * Hears about long steps (data steps, table rebuilds) as they run. Listeners must be cheap:
 * they are called once per batch. They also hear when a migration waits for a lock.
 */
public interface ProgressListener extends LockWaitListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** A step of {@code total} rows starts; {@code step} names it for people. */
    default void started(ProgressSnapshot snapshot) {
    }

    default void advanced(ProgressSnapshot snapshot) {
    }

    default void finished(ProgressSnapshot snapshot) {
    }

    /** A revision of {@code database} starts to run (upgrade, inside Flyway's transaction). */
    default void revisionStarted(String database, String revision) {
    }

    /** It ran to its end in {@code elapsed}; the transaction commits next. */
    default void revisionFinished(String database, String revision, java.time.Duration elapsed) {
    }

    /** Calls each listener in turn. */
    static ProgressListener of(ProgressListener... listeners) {
        return new ProgressListener() {
            public void started(ProgressSnapshot s) {
                for (ProgressListener l : listeners) {
                    l.started(s);
                }
            }

            public void advanced(ProgressSnapshot s) {
                for (ProgressListener l : listeners) {
                    l.advanced(s);
                }
            }

            public void finished(ProgressSnapshot s) {
                for (ProgressListener l : listeners) {
                    l.finished(s);
                }
            }

            public void revisionStarted(String database, String revision) {
                for (ProgressListener l : listeners) {
                    l.revisionStarted(database, revision);
                }
            }

            public void revisionFinished(String database, String revision, java.time.Duration elapsed) {
                for (ProgressListener l : listeners) {
                    l.revisionFinished(database, revision, elapsed);
                }
            }

            public void waitingForLock(String database, LockWait wait) {
                for (ProgressListener l : listeners) {
                    l.waitingForLock(database, wait);
                }
            }

            public void lockWaitOver(String database) {
                for (ProgressListener l : listeners) {
                    l.lockWaitOver(database);
                }
            }
        };
    }
}
