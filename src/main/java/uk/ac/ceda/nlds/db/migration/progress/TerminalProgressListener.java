package uk.ac.ceda.nlds.db.migration.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A live progress bar per long step (rows done of total, rate, time left) for a person at a terminal.
 *
 * <p>One bar at a time: the two databases migrate side by side, and two bars redrawn with carriage
 * returns, or a revision line printed while a bar is drawn, shared one terminal line. A step that
 * starts while another's bar is drawn gets its bar, at the rows it has done by then, when that one
 * ends; revision lines printed meanwhile wait for it too, in order.
 */
public final class TerminalProgressListener implements ProgressListener {

    private final ProgressBarConsumer consumer;
    private final PrintStream lines;
    /** The drawn step's key and bar, or null while none is. */
    private String drawnKey;
    private ProgressBar drawn;
    /** Steps under way without a bar, by key, with their latest state. */
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final List<String> heldLines = new ArrayList<>();

    /** Bars drawn by {@code consumer}, or on standard error when it is null; revision lines on {@code lines}. */
    public TerminalProgressListener(ProgressBarConsumer consumer, PrintStream lines) {
        this.consumer = consumer;
        this.lines = lines;
    }

    @Override
    public synchronized void started(ProgressSnapshot snapshot) {
        String key = key(snapshot);
        if (drawn == null || key.equals(drawnKey)) {
            draw(key, snapshot);
        } else {
            waiting.put(key, new Waiting(snapshot, System.nanoTime()));
        }
    }

    @Override
    public synchronized void advanced(ProgressSnapshot snapshot) {
        String key = key(snapshot);
        if (key.equals(drawnKey)) {
            drawn.stepTo(snapshot.done());
        } else if (waiting.containsKey(key)) {
            waiting.put(key, new Waiting(snapshot, System.nanoTime()));
        }
    }

    @Override
    public synchronized void finished(ProgressSnapshot snapshot) {
        String key = key(snapshot);
        if (!key.equals(drawnKey)) {
            waiting.remove(key); // ended while another's bar was drawn: its revision's lines tell
            return;
        }
        drawn.stepTo(snapshot.done());
        drawn.close();
        drawn = null;
        drawnKey = null;
        heldLines.forEach(lines::println);
        heldLines.clear();
        Iterator<Map.Entry<String, Waiting>> next = waiting.entrySet().iterator();
        if (next.hasNext()) {
            Map.Entry<String, Waiting> step = next.next();
            next.remove();
            draw(step.getKey(), step.getValue().now());
        }
    }

    /** A line as each revision starts and ends, so the screen is never silent between bars. */
    @Override
    public void revisionStarted(String database, String revision) {
        line(database + " " + revision + ": running");
    }

    @Override
    public void revisionFinished(String database, String revision, Duration elapsed) {
        line(database + " " + revision + ": done in " + elapsed.toMillis() + " ms");
    }

    private synchronized void line(String text) {
        if (drawn != null) {
            heldLines.add(text);
        } else {
            lines.println(text);
        }
    }

    private void draw(String key, ProgressSnapshot snapshot) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(snapshot.database() + " " + snapshot.revision() + " " + snapshot.step())
                .setInitialMax(Math.max(snapshot.total(), 0))
                .setRenderer(new FittedProgressRenderer(snapshot.database(), snapshot.revision(), snapshot.step()))
                .setUpdateIntervalMillis(250)
                // a step that waited for another's bar shows the rows and time it has already had
                .startsFrom(snapshot.done(), snapshot.elapsed());
        if (consumer != null) {
            builder.setConsumer(consumer);
        }
        if (drawn != null) {
            drawn.close(); // the same step started again
        }
        drawnKey = key;
        drawn = builder.build();
    }

    /** A step's latest state and when it was heard, so its bar shows the whole time the step has run. */
    private record Waiting(ProgressSnapshot snapshot, long heardNanos) {

        ProgressSnapshot now() {
            return new ProgressSnapshot(snapshot.database(), snapshot.revision(), snapshot.step(), snapshot.done(),
                    snapshot.total(), snapshot.elapsed().plusNanos(System.nanoTime() - heardNanos));
        }
    }

    private static String key(ProgressSnapshot snapshot) {
        return snapshot.database() + '\u0000' + snapshot.revision() + '\u0000' + snapshot.step();
    }
}
