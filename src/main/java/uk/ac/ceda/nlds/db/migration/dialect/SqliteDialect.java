package uk.ac.ceda.nlds.db.migration.dialect;

import static uk.ac.ceda.nlds.db.migration.dialect.Sql.execute;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.literal;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quote;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quoteAll;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AddColumn;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.CreateEnum;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.CreateIndex;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.CreateTable;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropEnum;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropIndex;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropTable;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.RenameEnum;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/**
 * SQLite: what it can do natively (create and drop tables and indexes, add a column) it does;
 * everything else on a table is batched into one rebuild, as Alembic's batch mode does.
 * Enums are plain VARCHAR columns, so enum-type operations are no-ops.
 */
public final class SqliteDialect implements Dialect {

    @Override
    public Backend backend() {
        return Backend.SQLITE;
    }

    @Override
    public SchemaInspector inspector() {
        return new SqliteInspector();
    }

    @Override
    public void apply(Connection connection, List<SchemaOp> batch, ProgressReporter progress) throws SQLException {
        if (!rebuilds(batch)) {
            for (SchemaOp op : batch) {
                applyNative(connection, op);
            }
            return;
        }
        String tableName = batch.get(0).table();
        if (batch.stream().anyMatch(op -> !tableName.equals(op.table()))) {
            throw new IllegalArgumentException("a SQLite rebuild batch must change one table: " + batch);
        }
        Table current = inspector().table(connection, tableName)
                .orElseThrow(() -> new IllegalStateException("table " + tableName + " does not exist"));
        new SqliteTableRebuild(connection, current, progress).apply(batch);
    }

    /** Whether {@link #apply} rebuilds the table for this batch rather than altering it in place. */
    public static boolean rebuilds(List<SchemaOp> batch) {
        return !batch.stream().allMatch(SqliteDialect::isNative);
    }

    private static boolean isNative(SchemaOp op) {
        if (op instanceof AddColumn add) {
            return add.column().nullable() || add.column().defaultValue() != null;
        }
        return op instanceof CreateTable || op instanceof DropTable || op instanceof CreateIndex
                || op instanceof DropIndex || op instanceof CreateEnum || op instanceof DropEnum
                || op instanceof RenameEnum;
    }

    private static void applyNative(Connection connection, SchemaOp op) throws SQLException {
        if (op instanceof CreateTable create) {
            execute(connection, createTable(create.definition().name(), create.definition()));
            for (Index index : create.definition().indexes()) {
                execute(connection, createIndex(index));
            }
        } else if (op instanceof DropTable drop) {
            execute(connection, "DROP TABLE " + quote(drop.definition().name()));
        } else if (op instanceof AddColumn add) {
            execute(connection, "ALTER TABLE " + quote(add.table()) + " ADD COLUMN " + columnDefinition(add.column()));
        } else if (op instanceof CreateIndex create) {
            execute(connection, createIndex(create.index()));
        } else if (op instanceof DropIndex drop) {
            execute(connection, "DROP INDEX " + quote(drop.index().name()));
        }
        // enum types do not exist on SQLite
    }

    /** CREATE TABLE under {@code name} with the columns and constraints of {@code table} (no indexes). */
    static String createTable(String name, Table table) {
        List<String> parts = new ArrayList<>();
        table.columns().forEach(c -> parts.add(columnDefinition(c)));
        if (!table.primaryKey().isEmpty()) {
            parts.add("PRIMARY KEY (" + quoteAll(table.primaryKey()) + ")");
        }
        table.uniques().forEach(u -> parts.add(named(u.name()) + "UNIQUE (" + quoteAll(u.columns()) + ")"));
        table.foreignKeys().forEach(f -> parts.add(named(f.name()) + "FOREIGN KEY (" + quoteAll(f.columns())
                + ") REFERENCES " + quote(f.referencedTable()) + " (" + quoteAll(f.referencedColumns()) + ")"));
        return "CREATE TABLE " + quote(name) + " (\n    " + String.join(",\n    ", parts) + "\n)";
    }

    private static String named(String constraintName) {
        return constraintName == null ? "" : "CONSTRAINT " + quote(constraintName) + " ";
    }

    static String createIndex(Index index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name()) + " ON "
                + quote(index.table()) + " (" + quoteAll(index.columns()) + ")";
    }

    static String columnDefinition(Column column) {
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(type(column.type()));
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(defaultLiteral(column.defaultValue()));
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    static String type(ColumnType type) {
        if (type instanceof ColumnType.Enum enumType) {
            return "VARCHAR(" + enumType.maxLabelLength() + ")";
        } else if (type instanceof ColumnType.Raw raw) {
            return raw.sql();
        } else if (ColumnType.TIMESTAMP.equals(type)) {
            return "DATETIME";
        }
        return type.toString();
    }

    static String defaultLiteral(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        return value instanceof Number ? value.toString() : literal(value.toString());
    }
}
