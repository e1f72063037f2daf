package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionRuntime;
import uk.ac.ceda.nlds.db.migration.ScratchDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;

/**
 * Runs the pending revisions' own upgrades against the real database without changing it: schema
 * operations go to a {@link RecordingDialect}, data steps run their reads (so their checks and
 * declared row counts are the real ones) while their writes are skipped by a
 * {@link DryRunConnection}, all inside a read-only transaction that is rolled back. What each
 * revision would do is what its own code did here, so the plan cannot drift from the migration.
 *
 * <p>Writes being skipped, a revision sees the database as it is now, not as earlier pending
 * revisions would leave it: a check over rows that an earlier revision rewrites reads them unchanged.
 */
public final class Rehearsal {

    /** One thing a revision did, in order. */
    public sealed interface Recorded {
    }

    /** Schema operations applied together (on SQLite one batch is one rebuild at most). */
    public record SchemaBatch(List<SchemaOp> ops) implements Recorded {
    }

    /** A data step as it declared itself for progress: its name, rows, and the tables its skipped writes named. */
    public record DataStep(String name, long rows, Set<String> tables, int statements) implements Recorded {
    }

    /**
     * What one revision did: its steps, the settings it read (set or not), why it refused, if it did,
     * and the settings it read unset and refuses without ({@code missingSettings}, all of them, not
     * only the first it stopped at).
     */
    public record RehearsedRevision(Revision revision, List<Recorded> steps, Map<String, Boolean> settings,
            String refusal, Set<String> missingSettings, Duration elapsed) {
    }

    /**
     * What a revision reads for a setting that is not set when the rehearsal goes on past it, to find
     * the next one. It is never written: writes are skipped, or go to a scratch database.
     */
    public static final String STAND_IN = "nlds-db-plan-stand-in";

    private static final Pattern WRITTEN_TABLE = Pattern.compile(
            "^\\s*(?:update|insert\\s+into|delete\\s+from)\\s+\"?([\\w]+)\"?", Pattern.CASE_INSENSITIVE);

    private Rehearsal() {
    }

    /**
     * Rehearses versions {@code from + 1} to {@code to} of {@code revisions} on {@code dataSource}. An
     * empty database ({@code from} 0) has no rows to read, and its tables are made by the revisions
     * themselves: those run for real in a scratch database (in memory on SQLite, a schema of a
     * rolled-back transaction on PostgreSQL, as adoption builds its shapes), so each finds what the
     * one before made.
     */
    public static List<RehearsedRevision> run(RevisionCatalogue revisions, int from, int to, DataSource dataSource) {
        RevisionRuntime real = revisions.runtime();
        Recorder recorder = new Recorder(real.settings());
        RecordingDialect dialect = new RecordingDialect(real.backend(), recorder::batch);
        RevisionCatalogue rehearsing = revisions.withRuntime(new RevisionRuntime(real.database(), real.backend(),
                recorder::setting, recorder, op -> {
                }, dialect));
        boolean scratch = from == 0;
        dialect.execute(scratch);
        List<RehearsedRevision> rehearsed = new ArrayList<>();
        try (Connection connection = scratch ? ScratchDatabase.open(real.backend(), dataSource, "nlds_plan_")
                : dataSource.getConnection()) {
            if (!scratch) {
                readOnly(connection, real.backend(), true);
                connection.setAutoCommit(false);
            }
            try {
                Connection rehearsal = scratch ? connection
                        : DryRunConnection.wrap(readOnlyTransaction(connection, real.backend()), recorder::skipped);
                HibernateWarmUp.warm(real.backend(), rehearsal);
                for (int version = from + 1; version <= to; version++) {
                    rehearsed.add(rehearse(rehearsing.at(version), connection, rehearsal, recorder));
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                if (!scratch) {
                    readOnly(connection, real.backend(), false);
                }
            }
        } catch (Exception e) {
            throw new MigrationException(real.database() + ": cannot rehearse the pending revisions: "
                    + e.getMessage(), e);
        }
        return rehearsed;
    }

    /**
     * Runs the revision once; if it refuses after reading a setting that is not set, again with a
     * stand-in for that setting, until no new unset setting is read, so one plan names every setting
     * the revision needs. A stand-in that changed the outcome was needed. A refusal reached only
     * with stand-ins may be the stand-in's doing (a malformed value) and is not reported.
     */
    private static RehearsedRevision rehearse(Revision revision, Connection connection, Connection rehearsal,
            Recorder recorder) throws SQLException {
        long start = System.nanoTime();
        Set<String> standIns = new LinkedHashSet<>();
        Set<String> needed = new LinkedHashSet<>();
        Set<String> lastStandIns = Set.of();
        List<String> refusals = new ArrayList<>();
        Map<String, Boolean> settings = new LinkedHashMap<>();
        List<Recorded> steps = null;
        String previous = null;
        for (boolean first = true; ; first = false) {
            recorder.reset(standIns);
            String refusal = attempt(revision, connection, rehearsal);
            if (first) {
                steps = List.copyOf(recorder.steps); // what the migration would do as the settings are now
            } else if (!Objects.equals(refusal, previous)) {
                needed.addAll(lastStandIns);
            }
            recorder.settings.forEach(settings::putIfAbsent);
            Set<String> unset = new LinkedHashSet<>(recorder.unset());
            unset.removeAll(standIns);
            if (refusal == null || unset.isEmpty() && !first) {
                break;
            }
            if (!refusals.contains(refusal)) {
                refusals.add(refusal);
            }
            if (unset.isEmpty()) {
                break;
            }
            standIns.addAll(unset);
            lastStandIns = unset;
            previous = refusal;
        }
        return new RehearsedRevision(revision, steps, Map.copyOf(settings),
                refusals.isEmpty() ? null : String.join("; ", refusals), Set.copyOf(needed),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The revision's upgrade: its refusal, rolled back to before it, or null when it went through (on
     * a scratch database the next revision then finds what this one made).
     */
    private static String attempt(Revision revision, Connection connection, Connection rehearsal)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            revision.apply(rehearsal);
            return null;
        } catch (Exception e) {
            connection.rollback(savepoint);
            return reason(e);
        }
    }

    private static Connection readOnlyTransaction(Connection connection, Backend backend) throws SQLException {
        if (backend == Backend.POSTGRESQL) {
            Sql.execute(connection, "SET TRANSACTION READ ONLY");
            // behind a running migration's locks, say so rather than wait for it
            Sql.execute(connection, "SET LOCAL lock_timeout = '5s'");
        }
        return connection;
    }

    private static void readOnly(Connection connection, Backend backend, boolean on) throws SQLException {
        if (backend == Backend.SQLITE) {
            Sql.execute(connection, "PRAGMA query_only = " + (on ? "ON" : "OFF"));
        }
    }

    /**
     * The revision's own refusal where there is one; otherwise the rehearsal itself failed (for
     * example a read of a column an earlier pending revision adds), said as such with the deepest cause.
     */
    private static String reason(Throwable failure) {
        Throwable chosen = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MigrationException) {
                return t.getMessage();
            }
            chosen = t;
        }
        return "cannot be rehearsed on the database as it is now: "
                + (chosen.getMessage() == null ? chosen.toString() : chosen.getMessage());
    }

    /** Hears one revision at a time: its batches, data steps, skipped writes and settings. */
    private static final class Recorder implements ProgressListener {
        private final Function<String, String> settingsSource;
        private final List<Recorded> steps = new ArrayList<>();
        private final Map<String, Boolean> settings = new LinkedHashMap<>();
        private Set<String> stepTables;
        private int stepStatements;

        Recorder(Function<String, String> settingsSource) {
            this.settingsSource = settingsSource;
        }

        private Set<String> standIns = Set.of();

        void reset(Set<String> standIns) {
            this.standIns = Set.copyOf(standIns);
            steps.clear();
            settings.clear();
            stepTables = null;
        }

        String setting(String property) {
            String value = settingsSource.apply(property);
            boolean set = value != null && !value.isBlank();
            settings.put(property, set);
            return !set && standIns.contains(property) ? STAND_IN : value;
        }

        List<String> unset() {
            return settings.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        }

        void batch(List<SchemaOp> ops) {
            steps.add(new SchemaBatch(ops));
        }

        void skipped(String sql) {
            Matcher m = WRITTEN_TABLE.matcher(sql);
            String table = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "?";
            if (stepTables == null) {
                steps.add(new DataStep("statement outside a progress step", -1, Set.of(table), 1));
            } else {
                stepTables.add(table);
                stepStatements++;
            }
        }

        @Override
        public void started(ProgressSnapshot snapshot) {
            stepTables = new LinkedHashSet<>();
            stepStatements = 0;
        }

        @Override
        public void finished(ProgressSnapshot snapshot) {
            steps.add(new DataStep(snapshot.step(), snapshot.total(), Set.copyOf(stepTables), stepStatements));
            stepTables = null;
        }
    }
}
