package uk.ac.ceda.nlds.db.migration.progress;

import java.time.Duration;

/** Where one step stands: rows done of total after {@code elapsed}. */
public record ProgressSnapshot(String database, String revision, String step, long done, long total,
        Duration elapsed) {

    /** Rows per second so far, 0 before the first second of work. */
    public double rate() {
        double seconds = elapsed.toMillis() / 1000.0;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Estimated time left at the current rate, or null while there is no rate yet. */
    public Duration remaining() {
        double rate = rate();
        if (rate <= 0 || done >= total) {
            return done >= total ? Duration.ZERO : null;
        }
        return Duration.ofMillis((long) ((total - done) / rate * 1000));
    }

    public int percent() {
        return total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    }

    /** One line for logs and plain terminals. */
    public String describe() {
        Duration left = remaining();
        return String.format("%s %s %s: %,d of %,d rows (%d%%), %,.0f rows/s, %s left", database, revision, step,
                done, total, percent(), rate(), left == null ? "unknown" : left.toSeconds() + " s");
    }
}
