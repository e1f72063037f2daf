package uk.ac.ceda.nlds.db.migration.lock;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

/**
 * Serialises schema changes to one database across processes: upgrades, downgrades and stamps
 * all run while holding it. It is released when the holder closes it or dies (a PostgreSQL
 * session advisory lock ends with its session; a SQLite lock is an OS file lock, which the
 * operating system drops with the process), so a killed process never blocks the next run.
 */
public interface MigrationLock {

    /** Blocks until this process holds the lock; close the result to release it. */
    Held acquire();

    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** No other process can reach the database (SQLite in memory): nothing to lock. */
    MigrationLock NONE = () -> () -> {
    };

    /** {@code lockWait}: how long to wait for another process's lock, null for as long as it takes. */
    static MigrationLock postgres(String database, DataSource dataSource, Duration lockWait, LockWaitListener listener) {
        return new PostgresAdvisoryLock(database, dataSource, lockWait, listener);
    }

    static MigrationLock sqliteFile(String database, Path databaseFile) {
        return new SqliteFileLock(database, databaseFile);
    }
}
