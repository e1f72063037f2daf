package uk.ac.ceda.nlds.db.migration.progress;

import java.time.Duration;
import java.util.Locale;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/**
 * Chooses how progress is shown: live bars when a person watches a terminal, plain log lines at
 * most every few seconds when the output is a pipe or a container log.
 */
public enum ProgressOutput {
    AUTO, BAR, LOG;

    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    public static ProgressOutput fromSetting(String value) {
        try {
            return value == null ? AUTO : valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("nlds.migration.progress is '" + value + "': use auto, bar or log");
        }
    }

    public ProgressListener listener() {
        boolean bar = this == BAR || this == AUTO && System.console() != null;
        return bar ? new TerminalProgressListener(null, System.err) : new LoggingProgressListener(LOG_INTERVAL);
    }
}
