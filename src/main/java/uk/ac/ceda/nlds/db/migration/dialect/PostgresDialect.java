package uk.ac.ceda.nlds.db.migration.dialect;

import static uk.ac.ceda.nlds.db.migration.dialect.Sql.execute;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.literal;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quote;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quoteAll;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AddColumn;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AddForeignKey;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AddUnique;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AlterColumn;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.ConvertEnumColumn;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.CreateEnum;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.CreateIndex;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.CreateTable;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropColumn;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropEnum;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropForeignKey;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropIndex;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropTable;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropUnique;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.RenameEnum;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;
import uk.ac.ceda.nlds.db.migration.progress.ProgressStep;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/** PostgreSQL: every operation is a native, transactional ALTER; enums are native ENUM types. */
public final class PostgresDialect implements Dialect {

    @Override
    public Backend backend() {
        return Backend.POSTGRESQL;
    }

    @Override
    public SchemaInspector inspector() {
        return new PostgresInspector();
    }

    @Override
    public void apply(Connection connection, List<SchemaOp> batch, ProgressReporter progress) throws SQLException {
        for (SchemaOp op : batch) {
            if (op instanceof ConvertEnumColumn convert) {
                convertEnum(connection, convert, progress);
            } else {
                for (String sql : statements(op)) {
                    execute(connection, sql);
                }
            }
        }
    }

    /** The statements that {@link #apply} runs for one operation, in order (plan shows them with their locks). */
    public List<String> statements(SchemaOp op) {
        String table = op.table() == null ? null : quote(op.table());
        return switch (op) {
            case CreateTable(Table definition) -> createTable(definition);
            case DropTable _ -> List.of("DROP TABLE " + table);
            case AddColumn(_, Column column) -> List.of("ALTER TABLE " + table + " ADD COLUMN " + columnDefinition(column));
            case DropColumn(_, Column column) -> List.of("ALTER TABLE " + table + " DROP COLUMN " + quote(column.name()));
            case AlterColumn(_, Column from, Column to) -> alterColumn(table, from, to);
            case CreateIndex(Index index) -> List.of(createIndex(index));
            case DropIndex(Index index) -> List.of("DROP INDEX " + quote(index.name()));
            case AddUnique(_, UniqueConstraint constraint) -> List.of("ALTER TABLE " + table + " ADD " + unique(constraint));
            case DropUnique(_, UniqueConstraint constraint) ->
                    List.of("ALTER TABLE " + table + " DROP CONSTRAINT " + quote(constraint.name()));
            case AddForeignKey(_, ForeignKey foreignKey) -> List.of("ALTER TABLE " + table + " ADD " + foreignKey(foreignKey));
            case DropForeignKey(_, ForeignKey foreignKey) ->
                    List.of("ALTER TABLE " + table + " DROP CONSTRAINT " + quote(foreignKey.name()));
            case CreateEnum(ColumnType.Enum type) -> List.of(createEnum(type.name(), type));
            case DropEnum(ColumnType.Enum type) -> List.of("DROP TYPE " + quote(type.name()));
            case RenameEnum(String from, String to) -> List.of("ALTER TYPE " + quote(from) + " RENAME TO " + quote(to));
            case ConvertEnumColumn convert -> convertEnumStatements(convert);
        };
    }

    private List<String> createTable(Table table) {
        List<String> parts = new ArrayList<>();
        table.columns().forEach(c -> parts.add(columnDefinition(c)));
        if (!table.primaryKey().isEmpty()) {
            parts.add("CONSTRAINT " + quote(table.primaryKeyName()) + " PRIMARY KEY (" + quoteAll(table.primaryKey()) + ")");
        }
        table.uniques().forEach(u -> parts.add(unique(u)));
        table.foreignKeys().forEach(f -> parts.add(foreignKey(f)));
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE " + quote(table.name()) + " (\n    " + String.join(",\n    ", parts) + "\n)");
        table.indexes().forEach(i -> sql.add(createIndex(i)));
        return sql;
    }

    private List<String> alterColumn(String table, Column from, Column to) {
        List<String> sql = new ArrayList<>();
        String prefix = "ALTER TABLE " + table + " ";
        String column = quote(to.name());
        if (!from.name().equals(to.name())) {
            sql.add(prefix + "RENAME COLUMN " + quote(from.name()) + " TO " + column);
        }
        if (!from.type().equals(to.type())) {
            if (from.defaultValue() != null) {
                sql.add(prefix + "ALTER COLUMN " + column + " DROP DEFAULT");
            }
            sql.add(prefix + "ALTER COLUMN " + column + " TYPE " + type(to) + " USING " + column + "::" + type(to));
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue()) || !from.type().equals(to.type())) {
            if (to.defaultValue() != null) {
                sql.add(prefix + "ALTER COLUMN " + column + " SET DEFAULT " + defaultLiteral(to));
            } else if (from.defaultValue() != null && from.type().equals(to.type())) {
                sql.add(prefix + "ALTER COLUMN " + column + " DROP DEFAULT");
            }
        }
        if (from.nullable() != to.nullable()) {
            sql.add(prefix + "ALTER COLUMN " + column + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        return sql;
    }

    /**
     * Converts in place: the old type is renamed aside, the new one created under the final name,
     * and one ALTER … TYPE … USING CASE rewrites the table once. Labels are compared as text, so
     * it works whichever label set the live type was created with.
     */
    private void convertEnum(Connection connection, ConvertEnumColumn op, ProgressReporter progress)
            throws SQLException {
        LabelConversion.requireMappable(connection, op, quote(op.from().name()) + "::text");
        List<String> sql = convertEnumStatements(op);
        long rows = Sql.queryLong(connection, "SELECT COUNT(*) FROM " + quote(op.table()));
        try (ProgressStep step = progress.step("convert " + op.table() + "." + op.from().name(), rows)) {
            for (String statement : sql) {
                execute(connection, statement);
            }
            step.advance(rows);
        }
    }

    private static List<String> convertEnumStatements(ConvertEnumColumn op) {
        String column = quote(op.from().name());
        String text = column + "::text";
        String table = quote(op.table());
        String newType = op.toType().name();
        String oldType = op.fromType().name();
        boolean sameName = oldType.equals(newType);
        String retired = sameName ? oldType + "_old" : oldType;
        List<String> sql = new ArrayList<>();
        sql.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP DEFAULT");
        if (sameName) {
            sql.add("ALTER TYPE " + quote(oldType) + " RENAME TO " + quote(retired));
        }
        sql.add(createEnum(newType, op.toType()));
        sql.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + quote(newType) + " USING ("
                + LabelConversion.caseExpression(op, text) + ")::" + quote(newType));
        sql.add("DROP TYPE " + quote(retired));
        if (op.to().defaultValue() != null) {
            sql.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT " + defaultLiteral(op.to()));
        }
        if (op.from().nullable() != op.to().nullable()) {
            sql.add("ALTER TABLE " + table + " ALTER COLUMN " + column
                    + (op.to().nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        return sql;
    }

    private static String createEnum(String name, ColumnType.Enum type) {
        return "CREATE TYPE " + quote(name) + " AS ENUM ("
                + type.labels().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ")";
    }

    private static String createIndex(Index index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name()) + " ON "
                + quote(index.table()) + " (" + quoteAll(index.columns()) + ")";
    }

    private static String unique(UniqueConstraint unique) {
        return "CONSTRAINT " + quote(unique.name()) + " UNIQUE (" + quoteAll(unique.columns()) + ")";
    }

    private static String foreignKey(ForeignKey fk) {
        return "CONSTRAINT " + quote(fk.name()) + " FOREIGN KEY (" + quoteAll(fk.columns()) + ") REFERENCES "
                + quote(fk.referencedTable()) + " (" + quoteAll(fk.referencedColumns()) + ")";
    }

    static String columnDefinition(Column column) {
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ');
        sql.append(column.autoIncrement() ? "SERIAL" : type(column));
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(defaultLiteral(column));
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    static String type(Column column) {
        return switch (column.type()) {
            case ColumnType.Varchar(Integer length) ->
                    length == null ? "character varying" : "character varying(" + length + ")";
            case ColumnType.Enum(String name, _) -> quote(name);
            case ColumnType.Raw(String sql) -> sql;
            case ColumnType.Simple(String name) ->
                    name.equals("TIMESTAMP") ? "timestamp without time zone" : name.toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String defaultLiteral(Column column) {
        Object value = column.defaultValue();
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        String literal = literal(value.toString());
        return column.type() instanceof ColumnType.Enum e ? literal + "::" + quote(e.name()) : literal;
    }
}
