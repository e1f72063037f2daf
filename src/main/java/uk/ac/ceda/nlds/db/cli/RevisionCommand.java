package uk.ac.ceda.nlds.db.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import uk.ac.ceda.nlds.db.autogenerate.RevisionGenerator;
import uk.ac.ceda.nlds.db.config.ConnectionCheck;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.model.EntityModel;
import uk.ac.ceda.nlds.db.startup.ExitCode;

/** {@code revision -m MESSAGE [--autogenerate]}: writes the next revision of both databases into the source tree. */
@Command(name = "revision", mixinStandardHelpOptions = true,
        description = {"Write the next revision (V<head+1>) of both databases into the source tree.",
                "With --autogenerate, compare each database's schema at head (a scratch SQLite database, or the"
                        + " configured one) with the service's entity model and write the difference through the"
                        + " schema DSL; nothing is written when nothing differs. With --data-step, the revision"
                        + " carries copies of the entities its data step uses. Existing files are never overwritten."})
final class RevisionCommand implements Callable<Integer> {

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE",
            description = "What the revision does; its class name is made from it (\"add quota table\" →"
                    + " V10__Add_quota_table).")
    String message;

    @Option(names = "--autogenerate", description = "Write the difference between the schema at head and the entity model.")
    boolean autogenerate;

    @Option(names = "--against-configured-database", description = "Compare with the configured database (which must"
            + " be at head) instead of a scratch SQLite database.")
    boolean againstConfigured;

    @Option(names = "--data-step", split = ",", paramLabel = "ENTITY",
            description = "The revision has a data step over these current entity classes (File,SubRecord):"
                    + " each database's revision carries copies of those it has, with the classes they refer to.")
    Set<String> dataStepEntities = new TreeSet<>();

    @Option(names = "--source-root", paramLabel = "DIR", defaultValue = "src/main/java",
            description = "The Java source root of the nlds-db source tree (default: ${DEFAULT-VALUE}).")
    Path sourceRoot;

    @Mixin
    DatabaseOptions options;

    @ParentCommand
    NldsDbCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (againstConfigured && !autogenerate) {
            throw new InvalidInputException("--against-configured-database only makes sense with --autogenerate");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CommandSession session = CommandSession.open(root.springArguments())) {
            List<RevisionGenerator.Target> targets = new ArrayList<>();
            for (NldsDatabase database : NldsDatabase.values()) {
                ManagedDatabase managed = session.database(database);
                boolean compared = options.selected().contains(database);
                if (compared && againstConfigured) {
                    ConnectionCheck.verify(managed);
                }
                targets.add(new RevisionGenerator.Target(database.id(), managed.revisions(),
                        EntityModel.entitiesIn(database.entityPackage()), folder(database.entityPackage()),
                        database.migrationPackage(), folder(database.migrationPackage()),
                        againstConfigured ? RevisionGenerator.configured(managed)
                                : RevisionGenerator.scratch(database.id(), managed.revisions()), compared));
            }
            List<RevisionGenerator.Outcome> outcomes = RevisionGenerator.generate(targets, message, autogenerate,
                    dataStepEntities);
            if (outcomes.isEmpty()) {
                out.println("no difference between the entity model and the schema at head: nothing was written");
            }
            for (RevisionGenerator.Outcome outcome : outcomes) {
                out.println(outcome.database() + ": wrote " + outcome.file()
                        + (outcome.changes().isEmpty() ? (autogenerate ? " (no change: a no-op revision)" : "") : ""));
                outcome.changes().forEach(change -> out.println("  " + change));
                outcome.notes().forEach(note -> out.println("  TODO " + note));
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    private Path folder(String javaPackage) {
        return sourceRoot.resolve(javaPackage.replace('.', '/'));
    }
}
