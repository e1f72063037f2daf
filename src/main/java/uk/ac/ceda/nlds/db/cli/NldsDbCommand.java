package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.BindException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.startup.SpringPropertyArgument;
import uk.ac.ceda.nlds.db.startup.StartupErrors;

/**
 * The operator commands, Alembic's everyday verbs for both databases:
 * {@code java -jar nlds-db.jar <verb> [arguments] [--db=catalog|monitor]}. Spring-style
 * {@code --name=value} properties may be mixed in and configure the databases as for the service.
 */
@Command(name = "nlds-db", mixinStandardHelpOptions = true, versionProvider = NldsDbCommand.Version.class,
        description = "Migrate and inspect the NLDS catalog and monitor databases.",
        subcommands = {UpgradeCommand.class, DowngradeCommand.class, CurrentCommand.class, HistoryCommand.class,
            CheckCommand.class, StampCommand.class, RepairCommand.class, RevisionCommand.class, PlanCommand.class},
        footer = {"%nWithout a verb the service starts; with --migrate-only it migrates both databases and exits.",
            "%nThe databases come from nlds.db.catalog.url and nlds.db.monitor.url, set as environment variables"
                + " (NLDS_DB_CATALOG_URL, ...) or as --nlds.db.catalog.url=... arguments; by default they are"
                + " data/catalog.db and data/monitor.db.",
            "%nExit codes: 0 done (check: at head), 1 database or migration failure (plan: the migration would"
                + " refuse), 2 invalid input, 3 revisions pending (check), 4 estimate longer than --max-duration (plan)."})
public final class NldsDbCommand implements Runnable {

    private static final Set<String> ROOT_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private final List<String> springArguments;

    @Spec
    CommandSpec spec;

    private NldsDbCommand(List<String> springArguments) {
        this.springArguments = List.copyOf(springArguments);
    }

    /** Whether these arguments name a command rather than starting the service. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || ROOT_OPTIONS.contains(args[0]));
    }

    /** Runs the command the arguments name and returns its exit code; errors are one line on stderr. */
    public static int execute(String[] args) {
        return execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        List<String> spring = new ArrayList<>();
        List<String> command = new ArrayList<>();
        for (String arg : args) {
            (SpringPropertyArgument.matches(arg) ? spring : command).add(arg);
        }
        CommandLine commandLine = new CommandLine(new NldsDbCommand(spring)).setOut(out).setErr(err);
        // "downgrade -1": a relative target, not an unknown option
        commandLine.getSubcommands().get("downgrade").setUnmatchedOptionsArePositionalParams(true);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("nlds-db: " + usageError(e));
            return ExitCode.INVALID_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            err.println("nlds-db: " + StartupErrors.oneLine(e));
            return StartupErrors.exitCode(e);
        });
        return commandLine.execute(command.toArray(String[]::new));
    }

    private static String usageError(CommandLine.ParameterException e) {
        String help = e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
        if (e instanceof UnmatchedArgumentException unmatched && e.getCommandLine().getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "': use one of "
                    + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + " (see " + help + ")";
        }
        return e.getMessage() + " (see " + help + ")";
    }

    List<String> springArguments() {
        return springArguments;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The jar's version, as the build recorded it. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NldsDbCommand.class.getPackage().getImplementationVersion();
            return new String[] {"nlds-db " + (version == null ? "(development build)" : version)};
        }
    }
}
