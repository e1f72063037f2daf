package uk.ac.ceda.nlds.db.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;

/**
 * Runs one task per database at the same time, each on a thread named for its database, and waits
 * for all of them: the catalog and the monitor are separate databases with separate locks and
 * histories, so neither needs to wait for the other, and most of their work is the server's (a
 * second core, or a second server). A lone database runs on the caller's thread.
 */
final class SideBySide {

    /** One database's result: its value, or the failure it ended with (never both). */
    record Result<R>(ManagedDatabase database, R value, RuntimeException failure) {

        boolean failed() {
            return failure != null;
        }
    }

    private SideBySide() {
    }

    /**
     * Each database's result, in the order of {@code databases}, once every task has ended. A task's
     * {@link RuntimeException} is its result; an {@link Error} is thrown here, after all have ended.
     */
    static <R> List<Result<R>> run(List<ManagedDatabase> databases, String what, Function<ManagedDatabase, R> task) {
        if (databases.size() == 1) {
            return List.of(attempt(databases.get(0), task));
        }
        // a thread of its own per database, as EntityModelCheck#prefetch starts one: named for the logs, and
        // with the caller's context class loader (the common pool's is the system loader, blind to the nested jar)
        List<CompletableFuture<Result<R>>> running = databases.stream()
                .map(database -> CompletableFuture.supplyAsync(() -> attempt(database, task),
                        step -> Thread.ofPlatform().name(what + "-" + database.id()).start(step)))
                .toList();
        List<Result<R>> results = new ArrayList<>();
        Error error = null;
        for (CompletableFuture<Result<R>> result : running) {
            try {
                results.add(result.join());
            } catch (CompletionException e) {
                error = (Error) e.getCause(); // attempt() keeps every RuntimeException as a result
            }
        }
        if (error != null) {
            throw error;
        }
        return List.copyOf(results);
    }

    private static <R> Result<R> attempt(ManagedDatabase database, Function<ManagedDatabase, R> task) {
        try {
            return new Result<>(database, task.apply(database), null);
        } catch (RuntimeException e) {
            return new Result<>(database, null, e);
        }
    }
}
