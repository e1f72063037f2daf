package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;

/** {@code history}: every revision with when, how long and by whom it was applied; pending ones marked. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the revisions with applied time (UTC), duration and who applied them; pending ones marked.")
final class HistoryCommand extends DatabaseCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    /** One database's history as {@code --json} prints it. */
    record History(String database, int version, int head, List<DatabaseStatus.Entry> revisions) {
    }

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        List<History> histories = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            DatabaseStatus status = DatabaseStatus.read(database);
            histories.add(new History(status.database(), status.version(), status.head(), status.history()));
        }
        if (json) {
            Json.write(out, histories);
            return ExitCode.OK;
        }
        TextTable table = new TextTable("DATABASE", "VERSION", "ALEMBIC ID", "DESCRIPTION", "STATE", "APPLIED (UTC)",
                "DURATION", "APPLIED BY");
        for (History history : histories) {
            for (DatabaseStatus.Entry entry : history.revisions()) {
                table.row(history.database(), "V" + entry.version(), entry.alembicId(), entry.description(),
                        entry.state(), entry.installedOn() == null ? "" : TIME.format(entry.installedOn()),
                        entry.executionMillis() == null ? "" : entry.executionMillis() + " ms", entry.installedBy());
            }
        }
        out.print(table.render());
        return ExitCode.OK;
    }
}
