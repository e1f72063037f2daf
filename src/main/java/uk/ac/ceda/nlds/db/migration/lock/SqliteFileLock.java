package uk.ac.ceda.nlds.db.migration.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;

/**
 * An exclusive OS lock on {@code <database file>.migration-lock}. SQLite and Flyway take no
 * migration lock of their own; this one is dropped by the operating system when the process
 * ends, however it ends. The lock file itself stays (an empty file) and means nothing on its own.
 */
final class SqliteFileLock implements MigrationLock {

    private static final Logger log = LoggerFactory.getLogger(SqliteFileLock.class);

    private final String database;
    private final Path lockFile;

    SqliteFileLock(String database, Path databaseFile) {
        this.database = database;
        this.lockFile = databaseFile.resolveSibling(databaseFile.getFileName() + ".migration-lock");
    }

    @Override
    public Held acquire() {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                log.info("{}: another process is migrating this database; waiting for it to finish", database);
                lock = channel.lock();
                log.info("{}: the other process finished; continuing", database);
            }
            FileChannel open = channel;
            FileLock held = lock;
            return () -> {
                try {
                    held.release();
                    open.close();
                } catch (IOException e) {
                    log.warn("{}: releasing {} failed: {}", database, lockFile, e.getMessage());
                }
            };
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing held
                }
            }
            throw new MigrationException(database + ": cannot take the migration lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
