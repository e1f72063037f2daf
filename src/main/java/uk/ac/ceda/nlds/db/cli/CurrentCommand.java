package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;

/** {@code current}: each database's revision and whether it is at head. */
@Command(name = "current", mixinStandardHelpOptions = true,
        description = "Show each database's revision (version, Alembic id, description) and whether it is at head.")
final class CurrentCommand extends DatabaseCommand {

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    /** One database's revision as {@code --json} prints it. */
    record Current(String database, String backend, String url, int version, String alembicId, String description,
            int head, boolean atHead, int pending, String origin, List<String> problems) {
    }

    @Override
    protected int run(List<ManagedDatabase> databases, PrintWriter out) {
        List<Current> rows = databases.stream().map(d -> current(DatabaseStatus.read(d))).toList();
        if (json) {
            Json.write(out, rows);
            return ExitCode.OK;
        }
        TextTable table = new TextTable("DATABASE", "VERSION", "ALEMBIC ID", "DESCRIPTION", "STATE");
        for (Current row : rows) {
            table.row(row.database(), "V" + row.version(), row.alembicId(), row.description(), state(row));
        }
        out.print(table.render());
        return ExitCode.OK;
    }

    static Current current(DatabaseStatus status) {
        DatabaseStatus.Entry entry = status.history().stream().filter(e -> e.version() == status.version())
                .findFirst().orElse(null);
        return new Current(status.database(), status.backend(), status.url(), status.version(),
                entry == null ? "" : entry.alembicId(), entry == null ? (status.version() == 0 ? "empty" : "")
                        : entry.description(), status.head(), status.atHead(), status.pendingCount(),
                status.origin().name().toLowerCase(java.util.Locale.ROOT), status.problems());
    }

    private static String state(Current row) {
        if (!row.problems().isEmpty()) {
            return (row.origin().equals("missing") ? "missing: " : "problem: ") + row.problems().get(0);
        }
        String state = row.atHead() ? "at head" : row.pending() + " pending (head is V" + row.head() + ")";
        return switch (row.origin()) {
            case "alembic" -> state + ", Alembic-managed: adopted at the next upgrade";
            case "unversioned" -> "tables without history: identified at the next upgrade, or stamp it";
            default -> state;
        };
    }
}
