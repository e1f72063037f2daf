package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.operations.RevisionDowngrade;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.ExitCode;

/** {@code downgrade TARGET}: runs the revisions' downgrades back to the target and forgets them in the history. */
@Command(name = "downgrade", mixinStandardHelpOptions = true,
        description = {"Revert revisions down to TARGET with their own downgrades (schema and data), and remove them"
                + " from the history so a later upgrade applies them again.",
                "Each database changes in one transaction, and neither commits until both are reverted: a"
                        + " revision that would lose information refuses, and both databases stay as they were."})
final class DowngradeCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "TARGET", converter = RevisionTarget.Converter.class,
            description = "A version number, an Alembic id, -N (N revisions back), or base (no tables at all).")
    RevisionTarget target;

    @Override
    protected Optional<RevisionTarget> target() {
        return Optional.of(target);
    }

    @Override
    protected void validate() {
        if (target.is(RevisionTarget.Kind.HEAD) || target.is(RevisionTarget.Kind.RELATIVE) && target.number() > 0) {
            throw new InvalidInputException("downgrade goes back only; to go forward to " + target.text()
                    + " use: upgrade " + target.text());
        }
    }

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        List<Integer> targets = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            DatabaseStatus status = DatabaseStatus.read(database);
            Problems.refuseIfAny(status);
            if (status.origin() == DatabaseStatus.Origin.UNVERSIONED) {
                throw new InvalidInputException(database.id() + " has tables but no revision history: run upgrade"
                        + " or stamp to record its revision first");
            }
            int version = target.resolve(database.id(), status.version(), database.revisions());
            if (version > status.version()) {
                throw new InvalidInputException(database.id() + " is at " + status.label() + ", and "
                        + database.revisions().describe(version) + " is ahead of it: use upgrade " + target.text());
            }
            targets.add(version);
        }
        RevisionDowngrade.run(databases, targets).forEach(outcome -> out.println(outcome.describe()));
        return ExitCode.OK;
    }
}
