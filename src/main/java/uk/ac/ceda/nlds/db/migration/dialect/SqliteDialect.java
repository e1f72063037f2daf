package uk.ac.ceda.nlds.db.migration.dialect;

import static uk.ac.ceda.nlds.db.migration.dialect.Sql.execute;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.literal;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quote;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quoteAll;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/**
 * SQLite: what it can do natively (create and drop tables and indexes, add a column) it does;
 * everything else on a table is batched into one rebuild, as Alembic's batch mode does.
 * Enums are plain VARCHAR columns, so enum-type operations are no-ops. On a connection of
 * {@link DeferredRebuilds} (revisions grouped in one transaction) rebuilds wait until needed and
 * merge across revisions.
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
        Optional<DeferredRebuilds> deferred = DeferredRebuilds.of(connection);
        if (deferred.isPresent() && deferred.get().defer(batch, progress)) {
            return;
        }
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

    /** Whether SQLite can apply the operation in place; everything else needs a table rebuild. */
    private static boolean isNative(SchemaOp op) {
        return switch (op) {
            case AddColumn(_, Column column) -> column.nullable() || column.defaultValue() != null;
            case CreateTable _, DropTable _, CreateIndex _, DropIndex _, CreateEnum _, DropEnum _, RenameEnum _ -> true;
            case DropColumn _, AlterColumn _, ConvertEnumColumn _, AddUnique _, DropUnique _, AddForeignKey _,
                 DropForeignKey _ -> false;
        };
    }

    private static void applyNative(Connection connection, SchemaOp op) throws SQLException {
        switch (op) {
            case CreateTable(Table definition) -> {
                execute(connection, createTable(definition.name(), definition));
                for (Index index : definition.indexes()) {
                    execute(connection, createIndex(index));
                }
            }
            case DropTable(Table definition) -> execute(connection, "DROP TABLE " + quote(definition.name()));
            case AddColumn(String table, Column column) ->
                    execute(connection, "ALTER TABLE " + quote(table) + " ADD COLUMN " + columnDefinition(column));
            case CreateIndex(Index index) -> execute(connection, createIndex(index));
            case DropIndex(Index index) -> execute(connection, "DROP INDEX " + quote(index.name()));
            case CreateEnum _, DropEnum _, RenameEnum _ -> {
                // enum types do not exist on SQLite
            }
            case DropColumn _, AlterColumn _, ConvertEnumColumn _, AddUnique _, DropUnique _, AddForeignKey _,
                 DropForeignKey _ -> throw new IllegalStateException("SQLite rebuilds the table for " + op);
        }
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
        return switch (type) {
            case ColumnType.Enum e -> "VARCHAR(" + e.maxLabelLength() + ")";
            case ColumnType.Raw(String sql) -> sql;
            case ColumnType.Simple(String name) when name.equals("TIMESTAMP") -> "DATETIME";
            case ColumnType.Simple _, ColumnType.Varchar _ -> type.toString();
        };
    }

    static String defaultLiteral(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        return value instanceof Number ? value.toString() : literal(value.toString());
    }
}
