package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;

/** {@code check}: exit 0 at head, 3 when revisions are pending, 1 when the history disagrees with this build. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Exit 0 when every selected database is at head, 3 when revisions are pending, 1 when the"
                + " history disagrees with this build (an edited, failed or unknown revision). For CI and Helm hooks."})
final class CheckCommand extends DatabaseCommand {

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        List<CurrentCommand.Current> rows = databases.stream().map(d -> CurrentCommand.current(DatabaseStatus.read(d)))
                .toList();
        if (json) {
            Json.write(out, rows);
        } else {
            rows.forEach(row -> out.println(describe(row)));
        }
        if (rows.stream().anyMatch(row -> !row.problems().isEmpty())) {
            return ExitCode.FAILURE;
        }
        return rows.stream().allMatch(CurrentCommand.Current::atHead) ? ExitCode.OK : ExitCode.PENDING;
    }

    private static String describe(CurrentCommand.Current row) {
        String at = "V" + row.version() + (row.alembicId().isEmpty() ? "" : " (" + row.alembicId() + ")");
        if (!row.problems().isEmpty()) {
            return row.database() + ": " + String.join("; ", row.problems());
        }
        if (row.atHead()) {
            return row.database() + ": at head " + at;
        }
        return row.database() + ": at " + at + ", " + row.pending() + (row.pending() == 1 ? " revision" : " revisions")
                + " pending up to head V" + row.head();
    }
}
