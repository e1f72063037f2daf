package uk.ac.ceda.nlds.db.migration.plan;

import java.util.List;
import java.util.Locale;

/**
 * What migrating one database would do, as {@code plan} prints it and {@code --json} writes it.
 *
 * @param from where the database is ({@code V2 (bf09ce0d6899)}, {@code V0 (empty)})
 * @param adoption how a database without Flyway history would be taken over, or null
 * @param refused why the migration would not start or not finish (null when it would run)
 * @param tables the row counts the estimate used
 * @param seconds the estimated duration of every pending revision
 */
public record DatabasePlan(String database, String backend, String url, int fromVersion, String from,
        String adoption, int targetVersion, String target, List<PlannedRevision> revisions, List<TableSize> tables,
        String refused, double seconds, String summary) {

    public DatabasePlan {
        seconds = Math.round(seconds * 1000) / 1000.0; // milliseconds are the precision an estimate has
    }

    public static DatabasePlan refused(String database, String backend, String url, String from, String reason) {
        return new DatabasePlan(database, backend, url, 0, from, null, 0, null, List.of(), List.of(), reason, 0,
                database + ": refused: " + reason);
    }

    /** The first refusal, of the database or of one of its revisions; null when it would run. */
    public String refusal() {
        if (refused != null) {
            return refused;
        }
        return revisions.stream().filter(r -> r.refused() != null).map(r -> "V" + r.version() + ": " + r.refused())
                .findFirst().orElse(null);
    }

    /**
     * Each pending revision that would refuse for settings that are not set, with its refusal (which
     * names every one of them and what to set it to); empty when none would.
     */
    public List<String> settingsRefusals() {
        return revisions.stream().filter(r -> !r.missingSettings().isEmpty())
                .map(r -> database + " V" + r.version() + " (" + r.alembicId() + "): " + r.refused()).toList();
    }

    /** {@code catalog: 8 revisions, 1.5M rows to rewrite, about 25 s}. */
    public static String summaryOf(String database, List<PlannedRevision> revisions, double seconds) {
        if (revisions.isEmpty()) {
            return database + ": at the target, nothing to do";
        }
        long rows = revisions.stream().flatMap(r -> r.steps().stream()).filter(PlannedStep::writesRows)
                .mapToLong(PlannedStep::rows).sum();
        return database + ": " + revisions.size() + (revisions.size() == 1 ? " revision, " : " revisions, ")
                + rows(rows) + " rows to rewrite, " + about(seconds);
    }

    /** 950, 12.5k, 1.5M. */
    public static String rows(long rows) {
        if (rows < 1_000) {
            return Long.toString(rows);
        }
        if (rows < 1_000_000) {
            return trim(rows / 1_000.0) + "k";
        }
        return trim(rows / 1_000_000.0) + "M";
    }

    /** {@code about 25 s}, {@code about 12 min}, {@code under 1 s}. */
    public static String about(double seconds) {
        if (seconds < 1) {
            return "under 1 s";
        }
        if (seconds < 120) {
            return "about " + Math.round(seconds) + " s";
        }
        if (seconds < 7_200) {
            return "about " + Math.round(seconds / 60) + " min";
        }
        return "about " + trim(seconds / 3_600) + " h";
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
