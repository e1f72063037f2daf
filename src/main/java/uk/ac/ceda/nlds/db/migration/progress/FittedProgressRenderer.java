package uk.ac.ceda.nlds.db.migration.progress;

import java.time.Duration;
import java.util.List;

import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Draws one step's bar so that it fits the terminal: what a person needs (which step, rows done of
 * total, rate, time left) always stays readable and the bar takes what room is left. Narrower
 * terminals first drop the Alembic id from the label, then abbreviate the numbers (1.6M), then
 * shorten the label; the bar never shrinks below a few cells.
 */
final class FittedProgressRenderer implements ProgressBarRenderer {

    private static final int MIN_BAR = 8;
    private static final int MAX_BAR = 40;

    private final String database;
    private final String revision;
    private final String step;

    FittedProgressRenderer(String database, String revision, String step) {
        this.database = database;
        this.revision = revision;
        this.step = step;
    }

    @Override
    public String render(ProgressState state, int maxLength) {
        return render(new ProgressSnapshot(database, revision, step, state.getCurrent(), state.getMax(),
                state.getTotalElapsed()), maxLength);
    }

    /** The bar for {@code snapshot} in at most {@code maxLength} characters. */
    static String render(ProgressSnapshot snapshot, int maxLength) {
        String database = snapshot.database();
        String revision = snapshot.revision();
        String step = snapshot.step();
        String fullLabel = database + " " + revision + " " + step;
        String shortLabel = database + " " + revision.replaceFirst(" \\(.*\\)$", "") + " " + step;
        for (Layout layout : List.of(new Layout(fullLabel, false), new Layout(shortLabel, false),
                new Layout(shortLabel, true))) {
            String tail = tail(snapshot, layout.compact());
            int room = maxLength - layout.label().length() - tail.length() - 3;
            if (room >= MIN_BAR) {
                return layout.label() + " " + bar(snapshot, Math.min(room, MAX_BAR)) + tail;
            }
        }
        String tail = tail(snapshot, true);
        int labelRoom = Math.max(maxLength - tail.length() - MIN_BAR - 3, 4);
        String label = shortLabel.length() <= labelRoom ? shortLabel : shortLabel.substring(0, labelRoom - 1) + "…";
        return label + " " + bar(snapshot, MIN_BAR) + tail;
    }

    private record Layout(String label, boolean compact) {
    }

    private static String tail(ProgressSnapshot snapshot, boolean compact) {
        Duration left = snapshot.remaining();
        return String.format(" %3d%% %s/%s rows %s rows/s %s left", snapshot.percent(),
                number(snapshot.done(), compact), number(snapshot.total(), compact),
                number(Math.round(snapshot.rate()), compact), left == null ? "?" : duration(left));
    }

    private static String bar(ProgressSnapshot snapshot, int width) {
        int filled = (int) (width * snapshot.percent() / 100L);
        return "[" + "█".repeat(filled) + "░".repeat(width - filled) + "]";
    }

    private static String number(long value, boolean compact) {
        if (!compact || value < 10_000) {
            return String.format("%,d", value);
        }
        return value < 1_000_000 ? String.format("%.0fk", value / 1e3) : String.format("%.1fM", value / 1e6);
    }

    private static String duration(Duration left) {
        long seconds = left.toSeconds();
        return seconds < 60 ? seconds + "s" : seconds < 3600 ? String.format("%dm%02ds", seconds / 60, seconds % 60)
                : String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60);
    }
}
