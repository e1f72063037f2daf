package uk.ac.ceda.nlds.db.autogenerate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/**
 * Follows the schema operations the revisions run and remembers which columns hold which enum
 * type. SQLite stores enum columns as plain VARCHARs, so this is where their label sets come from
 * when autogenerate compares on SQLite.
 */
final class EnumColumns implements Consumer<SchemaOp> {

    private final Map<String, Map<String, ColumnType.Enum>> columns = new HashMap<>();

    @Override
    public void accept(SchemaOp op) {
        switch (op) {
            case SchemaOp.CreateTable(Table definition) -> {
                Map<String, ColumnType.Enum> table = new HashMap<>();
                definition.columns().forEach(c -> remember(table, c));
                columns.put(definition.name(), table);
            }
            case SchemaOp.DropTable(Table definition) -> columns.remove(definition.name());
            case SchemaOp.AddColumn(String table, Column column) -> remember(table(table), column);
            case SchemaOp.DropColumn(String table, Column column) -> table(table).remove(column.name());
            case SchemaOp.AlterColumn(String table, Column from, Column to) -> {
                table(table).remove(from.name());
                remember(table(table), to);
            }
            case SchemaOp.ConvertEnumColumn convert -> {
                table(convert.table()).remove(convert.from().name());
                remember(table(convert.table()), convert.to());
            }
            case SchemaOp.RenameEnum(String from, String to) -> columns.values().forEach(table -> table.replaceAll(
                    (column, type) -> type.name().equals(from) ? new ColumnType.Enum(to, type.labels()) : type));
            // no column changes type
            case SchemaOp.CreateIndex _, SchemaOp.DropIndex _, SchemaOp.AddUnique _, SchemaOp.DropUnique _,
                 SchemaOp.AddForeignKey _, SchemaOp.DropForeignKey _, SchemaOp.CreateEnum _, SchemaOp.DropEnum _ -> {
            }
        }
    }

    /** {@code schema} with its VARCHAR columns retyped to the enum types the revisions gave them. */
    DatabaseSchema overlay(DatabaseSchema schema) {
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, ColumnType.Enum> enums = new LinkedHashMap<>(schema.enums());
        schema.tables().forEach((name, table) -> {
            Map<String, ColumnType.Enum> typed = columns.getOrDefault(name, Map.of());
            List<Column> retyped = table.columns().stream()
                    .map(c -> typed.containsKey(c.name()) ? c.withType(typed.get(c.name())) : c).toList();
            typed.values().forEach(e -> enums.put(e.name(), e));
            tables.put(name, table.withColumns(retyped));
        });
        return new DatabaseSchema(tables, enums);
    }

    private Map<String, ColumnType.Enum> table(String name) {
        return columns.computeIfAbsent(name, n -> new HashMap<>());
    }

    private static void remember(Map<String, ColumnType.Enum> table, Column column) {
        if (column.type() instanceof ColumnType.Enum type) {
            table.put(column.name(), type);
        }
    }
}
