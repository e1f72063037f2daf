package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.HistoryChecksums;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.operations.RevisionRepair;
import uk.ac.ceda.nlds.db.startup.ExitCode;

/** {@code repair --yes}: records this build's checksums for unchanged revisions and removes failed rows. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Repair the revision history: record this build's checksums for applied revisions that are",
                "unchanged (recorded by an older nlds-db) and remove the rows of failed revisions.",
                "Refuses, changing nothing, while an applied revision was changed or is unknown to this build."})
final class RepairCommand extends DatabaseCommand {

    @Option(names = "--yes", description = "Confirm that the history should be rewritten.")
    boolean confirmed;

    @Override
    protected void validate() {
        if (!confirmed) {
            throw new InvalidInputException("repair rewrites the revision history; add --yes to confirm");
        }
    }

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        // every database is checked before the first one changes
        List<HistoryChecksums.Plan> plans = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            plans.add(RevisionRepair.plan(database));
        }
        for (int i = 0; i < databases.size(); i++) {
            ManagedDatabase database = databases.get(i);
            HistoryChecksums.Plan done = plans.get(i).nothingToDo() ? plans.get(i) : RevisionRepair.run(database);
            out.println(database.id() + ": " + describe(done));
            out.flush();
        }
        return ExitCode.OK;
    }

    private static String describe(HistoryChecksums.Plan plan) {
        if (plan.nothingToDo()) {
            return "nothing to repair";
        }
        List<String> parts = new ArrayList<>();
        if (!plan.legacy().isEmpty()) {
            parts.add("recorded this build's checksums for " + versions(plan.legacy()));
        }
        if (!plan.failed().isEmpty()) {
            parts.add("removed the failed " + versions(plan.failed()));
        }
        return String.join("; ", parts);
    }

    private static String versions(List<HistoryChecksums.Row> rows) {
        return rows.stream().map(r -> "V" + r.version()).collect(Collectors.joining(", "));
    }
}
