package uk.ac.ceda.nlds.db.migration.progress;

import java.time.Duration;

/** A running step: call {@link #advance} after each batch and close it when the step ends. */
public final class ProgressStep implements AutoCloseable {

    private final ProgressListener listener;
    private final String database;
    private final String revision;
    private final String step;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;

    ProgressStep(ProgressListener listener, String database, String revision, String step, long total) {
        this.listener = listener;
        this.database = database;
        this.revision = revision;
        this.step = step;
        this.total = total;
    }

    public static ProgressStep start(ProgressListener listener, String database, String revision, String step,
            long total) {
        ProgressStep progress = new ProgressStep(listener, database, revision, step, total);
        listener.started(progress.snapshot());
        return progress;
    }

    public void advance(long rows) {
        done += rows;
        listener.advanced(snapshot());
    }

    public ProgressSnapshot snapshot() {
        return new ProgressSnapshot(database, revision, step, done, total,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    @Override
    public void close() {
        listener.finished(snapshot());
    }
}
