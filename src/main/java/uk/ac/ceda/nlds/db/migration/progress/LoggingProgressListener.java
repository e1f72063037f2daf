package uk.ac.ceda.nlds.db.migration.progress;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes progress to the log at most once per interval, so container logs stay readable. */
public final class LoggingProgressListener implements ProgressListener {

    private static final Logger log = LoggerFactory.getLogger(LoggingProgressListener.class);

    private final long intervalNanos;
    private long lastLogged;

    public LoggingProgressListener(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public synchronized void started(ProgressSnapshot snapshot) {
        lastLogged = System.nanoTime();
        if (snapshot.total() == 0) {
            return; // nothing to wait for, nothing to announce
        }
        log.info("{} {} {}: {} rows", snapshot.database(), snapshot.revision(), snapshot.step(),
                String.format("%,d", snapshot.total()));
    }

    @Override
    public synchronized void advanced(ProgressSnapshot snapshot) {
        long now = System.nanoTime();
        if (now - lastLogged >= intervalNanos) {
            lastLogged = now;
            log.info(snapshot.describe());
        }
    }

    /** A line as each revision starts and ends, so a long log is never silent between steps. */
    @Override
    public void revisionStarted(String database, String revision) {
        log.info("{} {}: running", database, revision);
    }

    @Override
    public void revisionFinished(String database, String revision, Duration elapsed) {
        log.info("{} {}: done in {} ms", database, revision, elapsed.toMillis());
    }

    @Override
    public void finished(ProgressSnapshot snapshot) {
        if (snapshot.elapsed().toNanos() >= intervalNanos) {
            log.info(snapshot.describe());
        }
    }
}
