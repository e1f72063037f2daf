package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.MigrationPlanner;
import uk.ac.ceda.nlds.db.startup.SettingsPreflight;
import uk.ac.ceda.nlds.db.startup.StartupErrors;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.startup.ExitCode;

/** {@code upgrade [TARGET]}: applies revisions up to the target, adopting Alembic-managed databases first. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Apply revisions up to TARGET (default head). An Alembic-managed database is adopted first.")
final class UpgradeCommand extends DatabaseCommand {

    private static final Logger log = LoggerFactory.getLogger(UpgradeCommand.class);

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", converter = RevisionTarget.Converter.class,
            description = "head (default), a version number, an Alembic id, or +N (N revisions further).")
    RevisionTarget target = RevisionTarget.HEAD;

    @Override
    protected Optional<RevisionTarget> target() {
        return Optional.of(target);
    }

    @Override
    protected boolean createsDatabases() {
        return true;
    }

    @Override
    protected void validate() {
        requireForward(target, "upgrade");
    }

    static void requireForward(RevisionTarget target, String verb) {
        if (target.is(RevisionTarget.Kind.BASE) || target.is(RevisionTarget.Kind.RELATIVE) && target.number() < 0) {
            throw new InvalidInputException(verb + " goes forward only; to go back to " + target.text()
                    + " use: downgrade " + target.text());
        }
    }

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        List<Integer> targets = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            DatabaseStatus status = DatabaseStatus.read(database);
            Problems.refuseIfAny(status);
            targets.add(resolve(target, database, status));
        }
        if (session.planFirst()) {
            refuseIfSettingsMissing(databases, targets);
        }
        for (int i = 0; i < databases.size(); i++) {
            out.println(DatabaseMigrator.migrate(databases.get(i), targets.get(i)).describe());
            out.flush();
        }
        return ExitCode.OK;
    }

    /**
     * As the service does before migrating: each database planned to its target (its one line on
     * standard error), and every setting a pending revision needs and lacks named before any changes.
     * A plan that cannot be made is a warning; the migration then refuses by itself if it must.
     */
    private static void refuseIfSettingsMissing(List<ManagedDatabase> databases, List<Integer> targets) {
        List<DatabasePlan> plans = new ArrayList<>();
        for (int i = 0; i < databases.size(); i++) {
            int version = targets.get(i);
            try {
                DatabasePlan plan = MigrationPlanner.plan(databases.get(i), status -> version);
                log.info("{}", plan.summary());
                plans.add(plan);
            } catch (RuntimeException e) {
                log.warn("{}: no plan before migrating: {}", databases.get(i).id(), StartupErrors.oneLine(e));
            }
        }
        Optional<SettingsPreflight.Unset> unset = SettingsPreflight.failure(plans);
        if (unset.isPresent()) {
            throw unset.get().error();
        }
    }

    /** Every database's target is checked before the first one changes. */
    static int resolve(RevisionTarget target, ManagedDatabase database, DatabaseStatus status) {
        if (status.origin() == DatabaseStatus.Origin.UNVERSIONED) {
            return target.is(RevisionTarget.Kind.RELATIVE) ? Problems.unversioned(database)
                    : target.resolve(database.id(), 0, database.revisions());
        }
        int version = target.resolve(database.id(), status.version(), database.revisions());
        if (version < status.version()) {
            throw new InvalidInputException(database.id() + " is at " + status.label() + ", and "
                    + database.revisions().describe(version) + " is behind it: use downgrade " + target.text());
        }
        return version;
    }
}
