package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.migration.plan.PlannedRevision;
import uk.ac.ceda.nlds.db.migration.plan.PlannedStep;
import uk.ac.ceda.nlds.db.migration.plan.TableSize;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.startup.MigrationPlanner;

/** {@code plan [TARGET]}: what {@code upgrade} would do and how long it would take, without changing anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what upgrade to TARGET (default head) would do, read-only: where each database is, the"
                + " adoption of an Alembic-managed database, each pending revision's steps with the lock they take and"
                + " the rows they touch, the settings they need, and an estimated duration timed on this database.",
            "Exit 1 when the migration would refuse, 4 when the estimate is longer than --max-duration."})
final class PlanCommand extends DatabaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", converter = RevisionTarget.Converter.class,
            description = "head (default), a version number, an Alembic id, or +N (N revisions further).")
    RevisionTarget target = RevisionTarget.HEAD;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Option(names = "--max-duration", paramLabel = "DURATION",
            description = "Exit 4 when the estimate is longer (30m, 90s, 500ms, or ISO-8601 like PT30M).")
    String maxDurationText;

    private Duration maxDuration;

    /** The whole plan as {@code --json} prints it. */
    record Plan(List<DatabasePlan> databases, double seconds, String maxDuration, boolean withinMaxDuration) {
    }

    @Override
    protected void validate() {
        UpgradeCommand.requireForward(target, "plan");
        maxDuration = maxDurationText == null ? null : duration(maxDurationText);
    }

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        List<DatabasePlan> plans = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            plans.add(MigrationPlanner.plan(database, status -> UpgradeCommand.resolve(target, database, status)));
        }
        double seconds = plans.stream().mapToDouble(DatabasePlan::seconds).sum();
        boolean within = maxDuration == null || seconds * 1000 <= maxDuration.toMillis();
        if (json) {
            Json.write(out, new Plan(plans, Math.round(seconds * 1000) / 1000.0, maxDurationText, within));
        } else {
            plans.forEach(plan -> out.print(render(plan)));
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        List<String> refusals = plans.stream().filter(p -> p.refusal() != null)
                .map(p -> p.database() + ": " + p.refusal()).toList();
        if (!refusals.isEmpty()) {
            err.println("nlds-db: the migration would refuse: " + String.join("; ", refusals));
            return ExitCode.FAILURE;
        }
        if (!within) {
            err.println("nlds-db: the estimate (" + DatabasePlan.about(seconds) + ") is longer than --max-duration "
                    + maxDurationText + ": migrate in a longer window, or raise --max-duration");
            return ExitCode.TOO_LONG;
        }
        return ExitCode.OK;
    }

    static String render(DatabasePlan plan) {
        StringBuilder text = new StringBuilder(plan.database()).append(" (").append(plan.backend()).append(", ")
                .append(plan.url()).append("): ");
        if (plan.refused() != null) {
            return text.append("at ").append(plan.from()).append(", refused: ").append(plan.refused()).append("\n\n")
                    .toString();
        }
        text.append("at ").append(plan.from());
        if (plan.adoption() != null) {
            text.append(" (").append(plan.adoption()).append(")");
        }
        text.append(", target ").append(plan.target()).append('\n');
        if (plan.revisions().isEmpty()) {
            return text.append(plan.summary()).append("\n\n").toString();
        }
        for (PlannedRevision revision : plan.revisions()) {
            text.append("  V").append(revision.version()).append(" (").append(revision.alembicId()).append(") ")
                    .append(revision.description()).append(": ").append(estimate(revision.seconds())).append('\n');
            for (PlannedStep step : revision.steps()) {
                text.append("    ").append(step.table() == null ? "" : step.table() + ": ")
                        .append(step.kind().equals("data") ? "data step '" + step.description() + "'"
                                : step.description())
                        .append('\n').append("        ").append(rows(step.rows(), step.rowsExact())).append(" rows; ")
                        .append(step.work()).append("; locks ").append(step.lock()).append("; ")
                        .append(estimate(step.seconds())).append('\n');
            }
            if (!revision.settings().isEmpty()) {
                text.append("    reads ").append(revision.settings().stream()
                        .map(s -> s.property() + (s.set() ? " (set)" : " (not set)"))
                        .collect(Collectors.joining(", "))).append('\n');
            }
            if (revision.refused() != null) {
                text.append("    WOULD REFUSE: ").append(revision.refused()).append('\n');
            }
        }
        if (!plan.tables().isEmpty()) {
            text.append("  rows now: ").append(plan.tables().stream().map(t -> t.table() + " " + rows(t))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return text.append(plan.summary()).append("\n\n").toString();
    }

    private static String rows(TableSize size) {
        return rows(size.rows(), size.exact());
    }

    private static String rows(long rows, boolean exact) {
        return String.format(Locale.ROOT, "%,d", rows) + (exact ? "" : " (estimate)");
    }

    private static String estimate(double seconds) {
        return seconds < 0.05 ? "under 0.1 s" : String.format(Locale.ROOT, "about %.1f s", seconds);
    }

    /** Durations as in the configuration (Spring's {@link DurationStyle}): {@code 30m}, {@code 90s}, {@code PT1H}. */
    private static Duration duration(String text) {
        try {
            Duration duration = DurationStyle.detectAndParse(text.trim());
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (IllegalArgumentException e) {
            // said below, with what to give instead
        }
        throw new InvalidInputException("--max-duration '" + text + "' is not a duration: give one like 30m, 90s,"
                + " 500ms or PT30M");
    }
}
