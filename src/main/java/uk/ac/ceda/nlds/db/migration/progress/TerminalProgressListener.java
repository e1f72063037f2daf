package uk.ac.ceda.nlds.db.migration.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/** A live progress bar per long step (rows done of total, rate, time left) for a person at a terminal. */
public final class TerminalProgressListener implements ProgressListener {

    private final Map<String, ProgressBar> bars = new ConcurrentHashMap<>();
    private final ProgressBarConsumer consumer;
    private final PrintStream lines;

    /** Bars drawn by {@code consumer}, or on standard error when it is null; revision lines on {@code lines}. */
    public TerminalProgressListener(ProgressBarConsumer consumer, PrintStream lines) {
        this.consumer = consumer;
        this.lines = lines;
    }

    @Override
    public void started(ProgressSnapshot snapshot) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(snapshot.database() + " " + snapshot.revision() + " " + snapshot.step())
                .setInitialMax(Math.max(snapshot.total(), 0))
                .setRenderer(new FittedProgressRenderer(snapshot.database(), snapshot.revision(), snapshot.step()))
                .setUpdateIntervalMillis(250);
        if (consumer != null) {
            builder.setConsumer(consumer);
        }
        ProgressBar previous = bars.put(key(snapshot), builder.build());
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void advanced(ProgressSnapshot snapshot) {
        ProgressBar bar = bars.get(key(snapshot));
        if (bar != null) {
            bar.stepTo(snapshot.done());
        }
    }

    @Override
    public void finished(ProgressSnapshot snapshot) {
        ProgressBar bar = bars.remove(key(snapshot));
        if (bar != null) {
            bar.stepTo(snapshot.done());
            bar.close();
        }
    }

    /** A line as each revision starts and ends, so the screen is never silent between bars. */
    @Override
    public void revisionStarted(String database, String revision) {
        lines.println(database + " " + revision + ": running");
    }

    @Override
    public void revisionFinished(String database, String revision, Duration elapsed) {
        lines.println(database + " " + revision + ": done in " + elapsed.toMillis() + " ms");
    }

    private static String key(ProgressSnapshot snapshot) {
        return snapshot.database() + '\u0000' + snapshot.revision() + '\u0000' + snapshot.step();
    }
}
