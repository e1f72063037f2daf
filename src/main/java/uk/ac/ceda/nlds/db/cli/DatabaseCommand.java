package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import uk.ac.ceda.nlds.db.config.ConnectionCheck;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;

/**
 * A verb that works on the selected databases: it starts the service's configuration, checks that
 * each selected database answers, then does its work, printing to the command line's output.
 */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions options;

    @ParentCommand
    NldsDbCommand root;

    @Spec
    CommandSpec spec;

    /** The configuration the verb runs with, open while {@link #run} runs. */
    CommandSession session;

    @Override
    public final Integer call() throws Exception {
        validate();
        try (CommandSession session = CommandSession.open(root.springArguments())) {
            this.session = session;
            List<ManagedDatabase> databases = options.selected().stream().map(session::database).toList();
            target().ifPresent(t -> databases.forEach(d -> t.checkExists(d.id(), d.revisions())));
            if (createsDatabases()) {
                databases.forEach(d -> d.target().prepareSqliteFolder());
            }
            // otherwise a SQLite file that does not exist stays that way: its status says it is missing
            databases.stream().filter(d -> createsDatabases() || d.target().sqliteFile().map(Files::exists).orElse(true))
                    .forEach(ConnectionCheck::verify);
            PrintWriter out = spec.commandLine().getOut();
            int exitCode = run(databases, out);
            out.flush();
            return exitCode;
        }
    }

    /** The revision this verb moves the databases to, if it takes one: checked before anything connects. */
    protected Optional<RevisionTarget> target() {
        return Optional.empty();
    }

    /** Whether this verb may create a SQLite database that does not exist yet (only upgrade does). */
    protected boolean createsDatabases() {
        return false;
    }

    /** Checks of the arguments alone, before any configuration is read or database touched. */
    protected void validate() {
    }

    protected abstract int run(List<ManagedDatabase> databases, PrintWriter out) throws Exception;
}
