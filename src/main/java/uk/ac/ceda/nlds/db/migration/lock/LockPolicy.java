package uk.ac.ceda.nlds.db.migration.lock;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.boot.convert.DurationStyle;

/**
 * How a migration behaves on a PostgreSQL database that others are using: how long one statement
 * may wait for a lock before its revision rolls back ({@code lockTimeout}), for how long such a
 * revision is retried ({@code lockRetryFor}), how long to wait for another process's migration
 * lock ({@code lockWait}, null: as long as it takes), and the statement timeout of migration
 * sessions (null: none, whatever the role says).
 */
public record LockPolicy(Duration lockTimeout, Duration lockRetryFor, Duration lockWait, Duration statementTimeout) {

    public static final String LOCK_TIMEOUT = "nlds.migration.lock-timeout";
    public static final String LOCK_RETRY_FOR = "nlds.migration.lock-retry-for";
    public static final String LOCK_WAIT = "nlds.migration.lock-wait";
    public static final String STATEMENT_TIMEOUT = "nlds.migration.statement-timeout";

    public static final LockPolicy DEFAULT = new LockPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), null, null);

    /** The policy from the service's settings (property name to value, null when unset). */
    public static LockPolicy from(Function<String, String> settings) {
        return new LockPolicy(positive(settings, LOCK_TIMEOUT, DEFAULT.lockTimeout),
                positive(settings, LOCK_RETRY_FOR, DEFAULT.lockRetryFor), positive(settings, LOCK_WAIT, null),
                positive(settings, STATEMENT_TIMEOUT, null));
    }

    /**
     * The PostgreSQL startup options of a migration session. They take precedence over settings a
     * role or database carries ({@code ALTER ROLE … SET statement_timeout}), so a service role's
     * timeouts never cancel a long rewrite half-way.
     */
    public String sessionOptions() {
        return "-c lock_timeout=" + lockTimeout.toMillis()
                + " -c statement_timeout=" + (statementTimeout == null ? 0 : statementTimeout.toMillis())
                + " -c idle_in_transaction_session_timeout=0";
    }

    /** {@code 500 ms}, {@code 5 s}, {@code 4 min 30 s}: how messages show a duration. */
    public static String describe(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static Duration positive(Function<String, String> settings, String property, Duration otherwise) {
        String value = settings.apply(property);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is '" + value + "': use a duration such as 5s, 500ms or 10m");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " is '" + value + "': it must be longer than zero");
        }
        return duration;
    }
}
