package uk.ac.ceda.nlds.db.startup;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.model.SchemaDifference;

/**
 * One database's reads for the coordinator's first decision, on a thread of its own so that the
 * catalog and the monitor are read side by side (on a process's first call most of the time is
 * connecting and loading the classes each read needs, which the second core can share): wait for
 * the database, read its history ({@link HeadShortcut#verdict}) and, when that shows head, its
 * schema against the entity model. It only reads, and opens no SQLite file that does not exist yet
 * (opening would make it, even when the start then stops at the other database): recording head in
 * {@code alembic_version} and every report stay with the coordinator, on its own thread.
 */
final class HeadCheck {

    private static final Logger log = LoggerFactory.getLogger(HeadCheck.class);

    /** What was found, on the connection the wait opened; the taker closes it. */
    record Found(Connection connection, HeadShortcut.Verdict verdict, List<SchemaDifference> differences) {

        void close() {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing a checked connection failed: {}", e.getMessage());
            }
        }
    }

    private final CompletableFuture<Found> found = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();
    private final Thread thread;
    private final ManagedDatabase database;
    private final DatabaseWait wait;

    private HeadCheck(ManagedDatabase database, DatabaseWait wait, EntityModelCheck entityModelCheck) {
        this.database = database;
        this.wait = wait;
        thread = Thread.ofPlatform().daemon().name("head-check-" + database.id()).unstarted(() -> {
            try {
                found.complete(read(database, wait, entityModelCheck));
            } catch (RuntimeException | Error e) {
                found.completeExceptionally(e);
            }
        });
    }

    static HeadCheck start(ManagedDatabase database, DatabaseWait wait, EntityModelCheck entityModelCheck) {
        HeadCheck check = new HeadCheck(database, wait, entityModelCheck);
        check.thread.start();
        return check;
    }

    private static Found read(ManagedDatabase database, DatabaseWait wait, EntityModelCheck entityModelCheck) {
        if (database.target().sqliteFile().map(file -> !Files.exists(file)).orElse(false)) {
            return new Found(null, HeadShortcut.Verdict.NOT_AT_HEAD, List.of()); // opened by take(), in turn
        }
        Connection connection = wait.connect(database);
        try {
            HeadShortcut.Verdict verdict = HeadShortcut.verdict(database, connection);
            return new Found(connection, verdict, verdict == HeadShortcut.Verdict.NOT_AT_HEAD ? List.of()
                    : entityModelCheck.differences(database, connection));
        } catch (RuntimeException | Error e) {
            new Found(connection, HeadShortcut.Verdict.NOT_AT_HEAD, List.of()).close();
            throw e;
        }
    }

    /**
     * Waits for the reads; their failure (an unreachable database, an unreadable schema) is thrown here.
     * A SQLite file that did not exist is opened (so made, empty) only now, on the taker's thread: the
     * coordinator takes the databases in order, so it is made only once the ones before it answered.
     */
    Found take() {
        taken.set(true);
        try {
            Found read = found.join();
            return read.connection() != null ? read
                    : new Found(wait.connect(database), HeadShortcut.Verdict.NOT_AT_HEAD, List.of());
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw e;
            }
        }
    }

    /** A check nobody will take (the start stopped at the other database): no more waiting, its connection closed. */
    void discard() {
        if (taken.compareAndSet(false, true)) {
            thread.interrupt(); // ends a wait for an unreachable server rather than logging on for minutes
            found.thenAccept(Found::close);
        }
    }
}
