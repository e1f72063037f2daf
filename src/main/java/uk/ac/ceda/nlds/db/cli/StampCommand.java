package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.operations.RevisionStamp;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.startup.MigrationOutcome;

/** {@code stamp TARGET --yes}: records a revision without running it, for repairs. */
@Command(name = "stamp", mixinStandardHelpOptions = true,
        description = {"Record TARGET as the database's revision without running anything (for repairs).",
                "Refuses unless the live schema is exactly the one TARGET produces; updates alembic_version too."})
final class StampCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "TARGET", converter = RevisionTarget.Converter.class,
            description = "A version number, an Alembic id, head, base, +N or -N.")
    RevisionTarget target;

    @Override
    protected Optional<RevisionTarget> target() {
        return Optional.of(target);
    }

    @Option(names = "--yes", description = "Confirm that the history should be rewritten.")
    boolean confirmed;

    @Override
    protected void validate() {
        if (!confirmed) {
            throw new InvalidInputException("stamp rewrites the revision history without running any migration;"
                    + " add --yes to confirm");
        }
    }

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        List<Integer> targets = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            DatabaseStatus status = DatabaseStatus.read(database);
            if (status.origin() == DatabaseStatus.Origin.UNVERSIONED && target.is(RevisionTarget.Kind.RELATIVE)) {
                Problems.unversioned(database);
            }
            targets.add(target.resolve(database.id(), status.version(), database.revisions()));
        }
        for (int i = 0; i < databases.size(); i++) {
            MigrationOutcome outcome = RevisionStamp.run(databases.get(i), targets.get(i));
            out.println(outcome.database() + ": " + (outcome.before().equals(outcome.after()) ? "already at "
                    + outcome.after() + ", nothing to do" : "stamped " + outcome.after() + " (was " + outcome.before() + ")"));
            out.flush();
        }
        return ExitCode.OK;
    }
}
