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
        if (op instanceof SchemaOp.CreateTable create) {
            Map<String, ColumnType.Enum> table = new HashMap<>();
            create.definition().columns().forEach(c -> remember(table, c));
            columns.put(create.definition().name(), table);
        } else if (op instanceof SchemaOp.DropTable drop) {
            columns.remove(drop.definition().name());
        } else if (op instanceof SchemaOp.AddColumn add) {
            remember(table(add.table()), add.column());
        } else if (op instanceof SchemaOp.DropColumn drop) {
            table(drop.table()).remove(drop.column().name());
        } else if (op instanceof SchemaOp.AlterColumn alter) {
            table(alter.table()).remove(alter.from().name());
            remember(table(alter.table()), alter.to());
        } else if (op instanceof SchemaOp.ConvertEnumColumn convert) {
            table(convert.table()).remove(convert.from().name());
            remember(table(convert.table()), convert.to());
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
