package uk.ac.ceda.nlds.db.migration;

import java.util.Locale;
import java.util.function.Function;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/**
 * Whether the revisions pending in one run share one transaction ({@code nlds.migration.group}).
 * Grouped, a failure anywhere rolls the whole run back: the database stays at the revision before
 * the group, still a complete revision, and nothing of the group is half-applied. Each revision
 * still reports its own progress and writes {@code alembic_version} and its history row in that
 * transaction, so the group's last revision is what a successful run leaves.
 *
 * <p>{@code none} is the default: measured 1→9 at 1 million files, one transaction for the chain
 * took as long as one per revision on SQLite (history sums 18.6 s and 18.7 s; the time is in the
 * table rebuilds, which grouping alone does not reduce), and on PostgreSQL a group would hold every
 * table's ACCESS EXCLUSIVE lock until the last revision commits, so live clients would wait for the
 * whole chain instead of one revision (BENCHMARKS.md). A SQLite group also defers and merges table
 * rebuilds across its revisions ({@code DeferredRebuilds}, {@code nlds.migration.defer-rebuilds}),
 * which is where the gain is: the revisions 1→9 in 0.64–0.77 of the time at 200,000 files. The default stays
 * {@code none} because a group changes what a failure leaves (the revision before the run, not the
 * one before the failing revision), which the fault table and its tests promise per revision.
 */
public enum RevisionGrouping {
    /** Each revision commits on its own. */
    NONE,
    /** Pending revisions share one transaction on SQLite; on PostgreSQL each commits on its own. */
    SQLITE,
    /** Pending revisions share one transaction on both backends. */
    ALL;

    public static final String PROPERTY = "nlds.migration.group";
    public static final RevisionGrouping DEFAULT = NONE;

    /** The grouping from the service's settings (property name to value, null when unset). */
    public static RevisionGrouping from(Function<String, String> settings) {
        String value = settings.apply(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(PROPERTY + " is '" + value.trim() + "'; expected none, sqlite or all");
        }
    }

    /** Whether pending revisions on {@code backend} run in one transaction. */
    public boolean groups(Backend backend) {
        return this == ALL || this == SQLITE && backend == Backend.SQLITE;
    }
}
