package uk.ac.ceda.nlds.db.autogenerate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.model.EntityModel;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * {@code revision -m MESSAGE [--autogenerate]}: writes the next revision for each database. With
 * autogenerate, each compared database's revision applies the difference between its schema at
 * head and the entity model, and carries copies of the entities for data steps; a database without
 * difference gets a no-op, so both keep the same revision number. Nothing is written when no
 * database differs, and no existing file is ever overwritten.
 */
public final class RevisionGenerator {

    /** One database as the generator sees it. */
    public record Target(String database, RevisionCatalogue revisions, List<Class<?>> entities, Path entitySources,
            String migrationPackage, Path migrationFolder, HeadReader head, boolean compared) {
    }

    /** Reads a database's schema at head: a scratch SQLite database, or the configured database. */
    @FunctionalInterface
    public interface HeadReader {
        HeadSnapshot read();
    }

    /** The schema at head and the backend it was read on. */
    public record HeadSnapshot(DatabaseSchema schema, Backend backend) {
    }

    /** What was done for one database, for the summary. */
    public record Outcome(String database, Path file, List<String> changes, List<String> notes) {
    }

    private RevisionGenerator() {
    }

    public static HeadReader scratch(String database, RevisionCatalogue revisions) {
        return () -> new HeadSnapshot(HeadSchema.scratch(database, revisions), Backend.SQLITE);
    }

    public static HeadReader configured(uk.ac.ceda.nlds.db.config.ManagedDatabase database) {
        return () -> new HeadSnapshot(HeadSchema.configured(database), database.target().backend());
    }

    /** Writes the revisions; an empty list means autogenerate found no difference and wrote nothing. */
    public static List<Outcome> generate(List<Target> targets, String message, boolean autogenerate) throws IOException {
        String description = JavaSyntax.description(message);
        String alembicId = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        List<Path> files = new ArrayList<>();
        for (Target target : targets) {
            files.add(freeFile(target, description));
        }
        List<SchemaDiff.Result> diffs = new ArrayList<>();
        for (Target target : targets) {
            diffs.add(autogenerate && target.compared() ? diff(target) : null);
        }
        if (autogenerate && diffs.stream().allMatch(d -> d == null || d.isEmpty())) {
            return List.of();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            SchemaDiff.Result diff = diffs.get(i);
            boolean changes = diff != null && !diff.isEmpty();
            boolean written = changes || !autogenerate && target.compared();
            int version = target.revisions().headVersion() + 1;
            String summary = summary(target, message, autogenerate, changes, written, version);
            RevisionSource.Spec spec = new RevisionSource.Spec(target.migrationPackage(), className(version,
                    description), alembicId, summary, changes ? diff.ops() : List.of(),
                    changes ? diff.notes() : List.of(), written ? EntityCopies.of(target.entitySources())
                            : EntityCopies.none());
            Files.createDirectories(files.get(i).getParent());
            Files.writeString(files.get(i), RevisionSource.render(spec), java.nio.file.StandardOpenOption.CREATE_NEW);
            outcomes.add(new Outcome(target.database(), files.get(i),
                    changes ? diff.ops().stream().map(RevisionGenerator::describe).toList() : List.of(),
                    changes ? diff.notes() : List.of()));
        }
        return outcomes;
    }

    private static SchemaDiff.Result diff(Target target) {
        HeadSnapshot head = target.head().read();
        DatabaseSchema model = EntityModel.read(head.backend(), target.entities());
        return new SchemaDiff(head.backend(), AlembicAdoption.BOOKKEEPING_TABLES).between(head.schema(), model);
    }

    private static String summary(Target target, String message, boolean autogenerate, boolean changes,
            boolean written, int version) {
        String previous = target.revisions().describe(version - 1);
        message = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        if (!autogenerate) {
            return message + ". Written by the revision command on " + LocalDate.now() + " after " + previous
                    + (written ? ": put schema steps in upgrade through context.schema(), data steps through the entity"
                            + " copies below, and undo both in downgrade." : "; no " + target.database()
                            + " change, kept so that both databases speak of the same revision number.");
        }
        return message + ". Autogenerated on " + LocalDate.now() + " from the difference between " + previous
                + " and the entity model" + (changes ? "; review it, complete the TODOs and the data steps before"
                        + " committing." : ": no " + target.database() + " change, kept so that both databases speak"
                                + " of the same revision number.");
    }

    static String className(int version, String description) {
        return "V" + version + "__" + description;
    }

    /** The file the next revision goes to; refuses when that version already has one. */
    private static Path freeFile(Target target, String description) throws IOException {
        int version = target.revisions().headVersion() + 1;
        String prefix = "V" + version + "__";
        if (Files.isDirectory(target.migrationFolder())) {
            try (Stream<Path> files = Files.list(target.migrationFolder())) {
                Optional<Path> taken = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst();
                if (taken.isPresent()) {
                    throw new IllegalArgumentException(target.database() + ": " + taken.get() + " already exists for V"
                            + version + "; nothing was written (rebuild if it is new, or remove it)");
                }
            }
        } else {
            throw new IllegalArgumentException("no " + target.database() + " migration folder at "
                    + target.migrationFolder() + ": run revision in the nlds-db source tree, or give --source-root");
        }
        return target.migrationFolder().resolve(className(version, description) + ".java");
    }

    /** An operation as the summary lists it. */
    static String describe(SchemaOp op) {
        if (op instanceof SchemaOp.CreateTable c) {
            return "create table " + c.definition().name();
        } else if (op instanceof SchemaOp.DropTable d) {
            return "drop table " + d.definition().name();
        } else if (op instanceof SchemaOp.AddColumn a) {
            return "add column " + a.table() + "." + a.column().name();
        } else if (op instanceof SchemaOp.DropColumn d) {
            return "drop column " + d.table() + "." + d.column().name();
        } else if (op instanceof SchemaOp.AlterColumn a) {
            return "alter column " + a.table() + "." + a.from().name() + " (" + a.from() + " -> " + a.to() + ")";
        } else if (op instanceof SchemaOp.ConvertEnumColumn c) {
            return "convert enum column " + c.table() + "." + c.from().name();
        } else if (op instanceof SchemaOp.CreateIndex c) {
            return "create index " + c.index().name();
        } else if (op instanceof SchemaOp.DropIndex d) {
            return "drop index " + d.index().name();
        } else if (op instanceof SchemaOp.AddUnique a) {
            return "add unique " + a.constraint().name() + " on " + a.table();
        } else if (op instanceof SchemaOp.DropUnique d) {
            return "drop unique " + d.constraint().name() + " on " + d.table();
        } else if (op instanceof SchemaOp.AddForeignKey a) {
            return "add foreign key " + a.foreignKey().name() + " on " + a.table();
        } else if (op instanceof SchemaOp.DropForeignKey d) {
            return "drop foreign key " + d.foreignKey().name() + " on " + d.table();
        } else if (op instanceof SchemaOp.CreateEnum c) {
            return "create enum type " + c.type().name();
        } else if (op instanceof SchemaOp.DropEnum d) {
            return "drop enum type " + d.type().name();
        }
        return op.toString();
    }
}
