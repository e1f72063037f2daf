package uk.ac.ceda.nlds.db.autogenerate;

import static uk.ac.ceda.nlds.db.autogenerate.JavaSyntax.constant;
import static uk.ac.ceda.nlds.db.autogenerate.JavaSyntax.literal;
import static uk.ac.ceda.nlds.db.autogenerate.JavaSyntax.string;
import static uk.ac.ceda.nlds.db.autogenerate.JavaSyntax.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * Writes a revision class: constants for tables, enum types and label maps, an upgrade that
 * applies the operations through the schema DSL, a downgrade that applies their reverses, and the
 * entity copies for data steps. The text follows the hand-written revisions' layout.
 */
final class RevisionSource {

    private static final String SCHEMA = "uk.ac.ceda.nlds.db.migration.schema.";
    private static final String INDENT = "    ";

    /** Everything one generated revision is made of. */
    record Spec(String packageName, String className, String alembicId, String summary, List<SchemaOp> ops,
            List<String> notes, EntityCopies entities) {
    }

    private final Spec spec;
    private final TreeSet<String> imports = new TreeSet<>();
    private final TreeSet<String> staticImports = new TreeSet<>();
    private final Map<String, String> constants = new LinkedHashMap<>();
    private final Map<ColumnType.Enum, String> enumNames = new LinkedHashMap<>();

    private RevisionSource(Spec spec) {
        this.spec = spec;
    }

    static String render(Spec spec) {
        return new RevisionSource(spec).render();
    }

    private String render() {
        imports.add("uk.ac.ceda.nlds.db.migration.Revision");
        imports.add("uk.ac.ceda.nlds.db.migration.RevisionContext");
        nameEnums();
        String upgrade = body(spec.ops());
        List<SchemaOp> reversed = new ArrayList<>();
        for (int i = spec.ops().size() - 1; i >= 0; i--) {
            reversed.add(spec.ops().get(i).reverse());
        }
        String downgrade = body(reversed);
        String entities = spec.entities().isEmpty() ? "" : spec.entities().nestedClasses(INDENT);
        for (String entityImport : spec.entities().imports()) {
            if (entityImport.startsWith("static ")) {
                staticImports.add(entityImport.substring("static ".length()));
            } else {
                imports.add(entityImport);
            }
        }
        if (!entities.isEmpty()) {
            imports.add("java.util.List");
        }

        StringBuilder out = new StringBuilder();
        out.append("package ").append(spec.packageName()).append(";\n\n");
        importBlock(out);
        out.append("/**\n");
        for (String line : wrap(spec.summary(), 96)) {
            out.append(" * ").append(line).append('\n');
        }
        out.append(" */\n");
        out.append("public class ").append(spec.className()).append(" extends Revision {\n");
        constants.values().forEach(c -> out.append('\n').append(c));
        out.append('\n').append(INDENT).append("@Override\n").append(INDENT).append("public String alembicId() {\n")
                .append(INDENT).append(INDENT).append("return ").append(string(spec.alembicId())).append(";\n")
                .append(INDENT).append("}\n");
        method(out, "upgrade", upgrade, spec.notes(), !entities.isEmpty());
        method(out, "downgrade", downgrade, List.of(), false);
        if (!entities.isEmpty()) {
            out.append('\n').append(INDENT).append("// The entities as they were when this revision was generated, for its")
                    .append(" data steps; edit them\n").append(INDENT)
                    .append("// with the revision, never replace them with the service's current classes.\n");
            out.append(entities);
        }
        out.append("}\n");
        return out.toString();
    }

    private void method(StringBuilder out, String name, String body, List<String> notes, boolean entityHint) {
        out.append('\n').append(INDENT).append("@Override\n").append(INDENT).append("protected void ").append(name)
                .append("(RevisionContext context) throws Exception {\n");
        for (String note : notes) {
            for (String line : wrap("TODO " + note, 100)) {
                out.append(INDENT).append(INDENT).append("// ").append(line).append('\n');
            }
        }
        out.append(body.isEmpty() ? INDENT + INDENT + "// no schema change\n" : body);
        if (entityHint) {
            out.append(INDENT).append(INDENT).append("// data steps go here, through the entity copies below:\n")
                    .append(INDENT).append(INDENT)
                    .append("// context.useEntities(List.of(...), session -> ...), in id batches or set-based\n");
        }
        out.append(INDENT).append("}\n");
    }

    /** One statement per operation; consecutive changes to one table form one {@code alterTable} batch. */
    private String body(List<SchemaOp> ops) {
        StringBuilder out = new StringBuilder();
        String openTable = null;
        List<String> batch = new ArrayList<>();
        for (SchemaOp op : ops) {
            String change = tableChange(op);
            if (change != null && op.table().equals(openTable)) {
                batch.add(change);
                continue;
            }
            flush(out, openTable, batch);
            openTable = null;
            batch = new ArrayList<>();
            if (change != null) {
                openTable = op.table();
                batch.add(change);
            } else {
                out.append(INDENT).append(INDENT).append("context.schema().").append(statement(op)).append(";\n");
            }
        }
        flush(out, openTable, batch);
        return out.toString();
    }

    private void flush(StringBuilder out, String table, List<String> changes) {
        if (table == null || changes.isEmpty()) {
            return;
        }
        String variable = table.replaceAll("[^A-Za-z0-9]", "");
        String prefix = INDENT + INDENT + "context.schema().alterTable(" + string(table) + ", " + variable + " -> ";
        if (changes.size() == 1 && (prefix + variable + changes.get(0) + "));").length() <= 120) {
            out.append(prefix).append(variable).append(changes.get(0)).append(");\n");
            return;
        }
        out.append(prefix).append(variable);
        String indent = INDENT.repeat(4);
        for (int i = 0; i < changes.size(); i++) {
            String end = i == changes.size() - 1 ? ");" : "";
            out.append('\n').append(indent).append(wrapCall(changes.get(i) + end, indent.length()));
        }
        out.append("\n");
    }

    /** The {@code TableChanges} call for an operation on one table, or null for a statement of its own. */
    private String tableChange(SchemaOp op) {
        return switch (op) {
            case SchemaOp.AddColumn(_, Column column) -> ".addColumn(" + column(column) + ")";
            case SchemaOp.DropColumn(_, Column column) -> ".dropColumn(" + column(column) + ")";
            case SchemaOp.AlterColumn(_, Column from, Column to) -> ".alterColumn(" + column(from) + ", " + column(to) + ")";
            case SchemaOp.ConvertEnumColumn convert -> convertEnum(convert);
            case SchemaOp.CreateIndex(Index index) when plainIndex(index) ->
                    ".createIndex(" + string(index.name()) + ", " + strings(index.columns()) + ")";
            case SchemaOp.DropIndex(Index index) when plainIndex(index) ->
                    ".dropIndex(" + string(index.name()) + ", " + strings(index.columns()) + ")";
            case SchemaOp.AddUnique(_, UniqueConstraint unique) ->
                    ".addUnique(" + string(unique.name()) + ", " + strings(unique.columns()) + ")";
            case SchemaOp.DropUnique(_, UniqueConstraint unique) ->
                    ".dropUnique(" + string(unique.name()) + ", " + strings(unique.columns()) + ")";
            case SchemaOp.AddForeignKey(_, ForeignKey key) -> ".addForeignKey(" + foreignKey(key) + ")";
            case SchemaOp.DropForeignKey(_, ForeignKey key) -> ".dropForeignKey(" + foreignKey(key) + ")";
            case SchemaOp.CreateTable _, SchemaOp.DropTable _, SchemaOp.CreateIndex _, SchemaOp.DropIndex _,
                 SchemaOp.CreateEnum _, SchemaOp.DropEnum _, SchemaOp.RenameEnum _ -> null;
        };
    }

    private String convertEnum(SchemaOp.ConvertEnumColumn convert) {
        String maps = constant(convert.table() + "_" + convert.to().name());
        boolean forward = spec.ops().contains(convert);
        String there = labelMap(maps + (forward ? "_UPGRADE" : "_DOWNGRADE"), convert.from(), convert.to());
        String back = labelMap(maps + (forward ? "_DOWNGRADE" : "_UPGRADE"), convert.to(), convert.from());
        String before = columnConstant(maps + "_BEFORE", forward ? convert.from() : convert.to());
        String after = columnConstant(maps + "_AFTER", forward ? convert.to() : convert.from());
        return ".convertEnum(" + (forward ? before + ", " + after : after + ", " + before) + ", " + there + ", "
                + back + ")";
    }

    private String statement(SchemaOp op) {
        return switch (op) {
            case SchemaOp.CreateTable(Table definition) -> "createTable(" + table(definition) + ")";
            case SchemaOp.DropTable(Table definition) -> "dropTable(" + table(definition) + ")";
            case SchemaOp.CreateEnum(ColumnType.Enum type) -> "createEnum(" + enumType(type) + ")";
            case SchemaOp.DropEnum(ColumnType.Enum type) -> "dropEnum(" + enumType(type) + ")";
            case SchemaOp.RenameEnum(String from, String to) -> "renameEnum(" + string(from) + ", " + string(to) + ")";
            case SchemaOp.CreateIndex(Index index) -> "createIndex(" + index(index) + ")";
            case SchemaOp.DropIndex(Index index) -> "dropIndex(" + index(index) + ")";
            case SchemaOp.AddColumn _, SchemaOp.DropColumn _, SchemaOp.AlterColumn _, SchemaOp.ConvertEnumColumn _,
                 SchemaOp.AddUnique _, SchemaOp.DropUnique _, SchemaOp.AddForeignKey _, SchemaOp.DropForeignKey _ ->
                    throw new IllegalArgumentException("cannot write " + op + " as a statement of its own");
        };
    }

    private static boolean plainIndex(Index index) {
        return !index.unique();
    }

    /** Enum types get constants; a type whose labels change keeps its old labels under a versioned name. */
    private void nameEnums() {
        for (SchemaOp op : spec.ops()) {
            if (op instanceof SchemaOp.ConvertEnumColumn convert) {
                ColumnType.Enum from = (ColumnType.Enum) convert.from().type();
                ColumnType.Enum to = (ColumnType.Enum) convert.to().type();
                enumNames.putIfAbsent(to, constant(to.name()));
                enumNames.putIfAbsent(from, constant(from.name()) + (from.name().equals(to.name()) ? "_BEFORE" : ""));
            }
        }
    }

    private String enumType(ColumnType.Enum type) {
        String name = enumNames.computeIfAbsent(type, t -> constant(t.name()));
        imports.add(SCHEMA + "ColumnType");
        constants.computeIfAbsent(name, n -> INDENT + "static final ColumnType.Enum " + n + " = ColumnType.Enum.of("
                + wrapArguments(string(type.name()) + ", " + strings(type.labels()), INDENT.length() * 3) + ");\n");
        return name;
    }

    private String labelMap(String name, Column from, Column to) {
        ColumnType.Enum source = (ColumnType.Enum) from.type();
        ColumnType.Enum target = (ColumnType.Enum) to.type();
        String sourceName = enumType(source);
        String targetName = enumType(target);
        imports.add("uk.ac.ceda.nlds.db.migration.ops.LabelMap");
        StringBuilder map = new StringBuilder(INDENT + "static final LabelMap " + name + " = LabelMap.from(" + sourceName
                + ", " + targetName + ")\n");
        for (String label : source.labels()) {
            if (!target.labels().contains(label)) {
                map.append(INDENT).append(INDENT).append(INDENT).append("// TODO map ").append(label)
                        .append(" to a label of ").append(targetName).append(", or rows holding it stop the conversion\n")
                        .append(INDENT).append(INDENT).append(INDENT).append("// .map(").append(string(label))
                        .append(", ...)\n");
            }
        }
        map.append(INDENT).append(INDENT).append(INDENT).append(".build();\n");
        constants.putIfAbsent(name, map.toString());
        return name;
    }

    private String columnConstant(String name, Column column) {
        String expression = column(column);
        constants.putIfAbsent(name, INDENT + "static final Column " + name + " = " + expression + ";\n");
        return name;
    }

    private String table(Table table) {
        String name = constant(table.name());
        imports.add(SCHEMA + "Table");
        if (!constants.containsKey(name)) {
            constants.put(name, INDENT + "static final Table " + name + " = " + tableExpression(table) + ";\n");
        }
        return name;
    }

    private String tableExpression(Table table) {
        String continuation = "\n" + INDENT + INDENT + INDENT;
        StringBuilder out = new StringBuilder("Table.named(" + string(table.name()) + ")");
        boolean standardId = table.primaryKey().equals(List.of("id"))
                && table.column("id").map(c -> c.equals(Column.id())).orElse(false);
        if (standardId) {
            out.append(".id()");
        }
        for (Column column : table.columns()) {
            if (standardId && column.name().equals("id")) {
                continue;
            }
            boolean plain = column.defaultValue() == null && !column.autoIncrement();
            out.append(continuation).append(plain ? ".column(" + string(column.name()) + ", " + type(column.type())
                    + ", " + column.nullable() + ")" : ".column(" + column(column) + ")");
        }
        for (UniqueConstraint unique : table.uniques()) {
            String defaultName = table.name() + "_" + String.join("_", unique.columns()) + "_key";
            out.append(continuation).append(defaultName.equals(unique.name()) ? ".unique(" + strings(unique.columns()) + ")"
                    : ".namedUnique(" + string(unique.name()) + ", " + strings(unique.columns()) + ")");
        }
        List<ForeignKey> otherKeys = new ArrayList<>();
        for (ForeignKey key : table.foreignKeys()) {
            if (key.columns().size() == 1 && key.referencedColumns().equals(List.of("id"))) {
                String defaultName = table.name() + "_" + key.columns().get(0) + "_fkey";
                out.append(continuation).append(".foreignKey(").append(defaultName.equals(key.name()) ? ""
                        : string(key.name()) + ", ").append(string(key.columns().get(0))).append(", ")
                        .append(string(key.referencedTable())).append(")");
            } else {
                otherKeys.add(key);
            }
        }
        List<Index> otherIndexes = new ArrayList<>();
        for (Index index : table.indexes()) {
            if (index.equals(Index.on(table.name(), index.columns().toArray(String[]::new)))) {
                out.append(continuation).append(".index(").append(strings(index.columns())).append(")");
            } else {
                otherIndexes.add(index);
            }
        }
        out.append(continuation).append(".build()");
        if (!standardId && !table.primaryKey().isEmpty()) {
            out.append(continuation).append(".withPrimaryKey(").append(string(table.primaryKeyName())).append(", List.of(")
                    .append(strings(table.primaryKey())).append("))");
            imports.add("java.util.List");
        }
        if (!otherKeys.isEmpty()) {
            List<String> keys = new ArrayList<>();
            table.foreignKeys().forEach(k -> keys.add(foreignKey(k)));
            out.append(continuation).append(".withForeignKeys(List.of(").append(String.join(", ", keys)).append("))");
            imports.add("java.util.List");
        }
        if (!otherIndexes.isEmpty()) {
            List<String> indexes = new ArrayList<>();
            table.indexes().forEach(i -> indexes.add(index(i)));
            out.append(continuation).append(".withIndexes(List.of(").append(String.join(", ", indexes)).append("))");
            imports.add("java.util.List");
        }
        return out.toString();
    }

    private String column(Column column) {
        imports.add(SCHEMA + "Column");
        if (column.defaultValue() == null && !column.autoIncrement()) {
            return "Column." + (column.nullable() ? "nullable" : "notNull") + "(" + string(column.name()) + ", "
                    + type(column.type()) + ")";
        }
        return "new Column(" + string(column.name()) + ", " + type(column.type()) + ", " + column.nullable() + ", "
                + literal(column.defaultValue()) + ", " + column.autoIncrement() + ")";
    }

    private String type(ColumnType type) {
        return switch (type) {
            case ColumnType.Enum e -> enumType(e);
            case ColumnType.Varchar(Integer length) when length == null -> {
                staticImports.add(SCHEMA + "ColumnType.VARCHAR");
                yield "VARCHAR";
            }
            case ColumnType.Varchar(Integer length) -> {
                imports.add(SCHEMA + "ColumnType");
                yield "ColumnType.varchar(" + length + ")";
            }
            case ColumnType.Simple(String name) -> {
                staticImports.add(SCHEMA + "ColumnType." + name);
                yield name;
            }
            case ColumnType.Raw(String sql) -> {
                imports.add(SCHEMA + "ColumnType");
                yield "new ColumnType.Raw(" + string(sql) + ")";
            }
        };
    }

    private String foreignKey(ForeignKey key) {
        imports.add(SCHEMA + "ForeignKey");
        if (key.columns().size() == 1 && key.referencedColumns().equals(List.of("id"))) {
            return "ForeignKey.of(" + string(key.name()) + ", " + string(key.columns().get(0)) + ", "
                    + string(key.referencedTable()) + ")";
        }
        imports.add("java.util.List");
        return "new ForeignKey(" + string(key.name()) + ", List.of(" + strings(key.columns()) + "), "
                + string(key.referencedTable()) + ", List.of(" + strings(key.referencedColumns()) + "))";
    }

    private String index(Index index) {
        imports.add(SCHEMA + "Index");
        imports.add("java.util.List");
        return "new Index(" + string(index.name()) + ", " + string(index.table()) + ", List.of("
                + strings(index.columns()) + "), " + index.unique() + ")";
    }

    private void importBlock(StringBuilder out) {
        if (!staticImports.isEmpty()) {
            staticImports.forEach(i -> out.append("import static ").append(i).append(";\n"));
            out.append('\n');
        }
        List<List<String>> groups = List.of(
                imports.stream().filter(i -> i.startsWith("java.")).toList(),
                imports.stream().filter(i -> i.startsWith("jakarta.")).toList(),
                imports.stream().filter(i -> !i.startsWith("java.") && !i.startsWith("jakarta.")
                        && !i.startsWith("uk.ac.ceda.")).toList(),
                imports.stream().filter(i -> i.startsWith("uk.ac.ceda.")).toList());
        for (List<String> group : groups) {
            if (!group.isEmpty()) {
                group.forEach(i -> out.append("import ").append(i).append(";\n"));
                out.append('\n');
            }
        }
    }

    private static String wrapArguments(String arguments, int indent) {
        StringBuilder out = new StringBuilder();
        int lineLength = 60;
        for (String part : JavaSyntax.splitAtCommas(arguments)) {
            if (out.length() > 0) {
                if (lineLength + part.length() + 2 > 116) {
                    out.append(",\n").append(" ".repeat(indent));
                    lineLength = indent;
                } else {
                    out.append(", ");
                    lineLength += 2;
                }
            }
            out.append(part);
            lineLength += part.length();
        }
        return out.toString();
    }

    /** Breaks a long call after its commas, continuing eight columns further in, to stay within 120 columns. */
    private static String wrapCall(String call, int indent) {
        if (indent + call.length() <= 120) {
            return call;
        }
        StringBuilder out = new StringBuilder();
        int column = indent;
        List<String> parts = JavaSyntax.splitAtCommas(call);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i) + (i < parts.size() - 1 ? "," : "");
            if (i > 0 && column + 1 + part.length() > 120) {
                out.append('\n').append(" ".repeat(indent + 8));
                column = indent + 8;
            } else if (i > 0) {
                out.append(' ');
                column++;
            }
            out.append(part);
            column += part.length();
        }
        return out.toString();
    }

    /** Comment text in lines of at most {@code width}; no line break or comment end in it survives. */
    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.replace("*/", "* /").strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line = new StringBuilder();
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
