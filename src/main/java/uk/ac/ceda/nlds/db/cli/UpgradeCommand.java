package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.ExitCode;

/** {@code upgrade [TARGET]}: applies revisions up to the target, adopting Alembic-managed databases first. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Apply revisions up to TARGET (default head). An Alembic-managed database is adopted first.")
final class UpgradeCommand extends DatabaseCommand {

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
        for (int i = 0; i < databases.size(); i++) {
            out.println(DatabaseMigrator.migrate(databases.get(i), targets.get(i)).describe());
            out.flush();
        }
        return ExitCode.OK;
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
