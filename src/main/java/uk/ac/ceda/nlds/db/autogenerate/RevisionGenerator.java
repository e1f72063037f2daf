package uk.ac.ceda.nlds.db.autogenerate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.model.EntityModel;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * {@code revision -m MESSAGE [--autogenerate]}: writes the next revision for each database. With
 * autogenerate, each compared database's revision applies the difference between its schema at
 * head and the entity model; a database without difference gets a no-op, so both keep the same
 * revision number. A revision carries copies of the entities its data step uses (named by the
 * caller, with the classes they refer to), and none without a data step: generated schema changes
 * need none, enum conversions map labels in SQL. Nothing is written when no
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

    /**
     * Writes the revisions, each with copies of the entities in {@code dataStepEntities} it has; an
     * empty list means autogenerate found no difference and wrote nothing.
     */
    public static List<Outcome> generate(List<Target> targets, String message, boolean autogenerate,
            Set<String> dataStepEntities) throws IOException {
        String description = JavaSyntax.description(message);
        Set<String> unknown = new TreeSet<>(dataStepEntities);
        for (Target target : dataStepEntities.isEmpty() ? List.<Target>of() : targets) {
            unknown.removeAll(EntityCopies.available(target.entitySources()));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("no entity class " + String.join(", ", unknown) + " in "
                    + targets.stream().map(t -> t.entitySources().toString()).collect(Collectors.joining(" or "))
                    + ": name the current entity classes the data step uses");
        }
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
            boolean copies = written && !dataStepEntities.isEmpty();
            String summary = summary(target, message, autogenerate, changes, written, copies, version);
            RevisionSource.Spec spec = new RevisionSource.Spec(target.migrationPackage(), className(version,
                    description), alembicId, summary, changes ? diff.ops() : List.of(),
                    changes ? diff.notes() : List.of(), copies
                            ? EntityCopies.of(target.entitySources(), dataStepEntities) : EntityCopies.none());
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
            boolean written, boolean copies, int version) {
        String previous = target.revisions().describe(version - 1);
        message = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        if (!autogenerate) {
            return message + ". Written by the revision command on " + LocalDate.now() + " after " + previous
                    + (written ? ": put schema steps in upgrade through context.schema(), data steps through "
                            + (copies ? "the entity copies below" : "nested copies of the entities they use (revision"
                                    + " --data-step=ENTITY writes them)") + ", and undo both in downgrade." : "; no " + target.database()
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
                    throw new InvalidInputException(target.database() + ": " + taken.get() + " already exists for V"
                            + version + "; nothing was written (rebuild if it is new, or remove it)");
                }
            }
        } else {
            throw new InvalidInputException("no " + target.database() + " migration folder at "
                    + target.migrationFolder() + ": run revision in the nlds-db source tree, or give --source-root");
        }
        return target.migrationFolder().resolve(className(version, description) + ".java");
    }

    /** An operation as the summary lists it. */
    static String describe(SchemaOp op) {
        return switch (op) {
            case SchemaOp.CreateTable(Table definition) -> "create table " + definition.name();
            case SchemaOp.DropTable(Table definition) -> "drop table " + definition.name();
            case SchemaOp.AddColumn(String table, Column column) -> "add column " + table + "." + column.name();
            case SchemaOp.DropColumn(String table, Column column) -> "drop column " + table + "." + column.name();
            case SchemaOp.AlterColumn(String table, Column from, Column to) ->
                    "alter column " + table + "." + from.name() + " (" + from + " -> " + to + ")";
            case SchemaOp.ConvertEnumColumn c -> "convert enum column " + c.table() + "." + c.from().name();
            case SchemaOp.CreateIndex(Index index) -> "create index " + index.name();
            case SchemaOp.DropIndex(Index index) -> "drop index " + index.name();
            case SchemaOp.AddUnique(String table, UniqueConstraint unique) -> "add unique " + unique.name() + " on " + table;
            case SchemaOp.DropUnique(String table, UniqueConstraint unique) -> "drop unique " + unique.name() + " on " + table;
            case SchemaOp.AddForeignKey(String table, ForeignKey key) -> "add foreign key " + key.name() + " on " + table;
            case SchemaOp.DropForeignKey(String table, ForeignKey key) -> "drop foreign key " + key.name() + " on " + table;
            case SchemaOp.CreateEnum(ColumnType.Enum type) -> "create enum type " + type.name();
            case SchemaOp.DropEnum(ColumnType.Enum type) -> "drop enum type " + type.name();
            case SchemaOp.RenameEnum(String from, String to) -> "rename enum type " + from + " to " + to;
        };
    }
}
