package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.List;
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

    @Override
    public final Integer call() throws Exception {
        validate();
        try (CommandSession session = CommandSession.open(root.springArguments())) {
            List<ManagedDatabase> databases = options.selected().stream().map(session::database).toList();
            databases.forEach(ConnectionCheck::verify);
            PrintWriter out = spec.commandLine().getOut();
            int exitCode = run(databases, out);
            out.flush();
            return exitCode;
        }
    }

    /** Checks of the arguments alone, before any configuration is read or database touched. */
    protected void validate() {
    }

    protected abstract int run(List<ManagedDatabase> databases, PrintWriter out) throws Exception;
}
