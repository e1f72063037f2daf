package uk.ac.ceda.nlds.db.migration.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * The schema-operations DSL revisions write instead of DDL strings. Each call becomes
 * {@link SchemaOp}s that the backend's dialect (a {@link SchemaOpApplier}) applies on the revision's own
 * connection.
 */
public final class SchemaOperations {

    private final Connection connection;
    private final SchemaOpApplier applier;
    private final ProgressReporter progress;
    private final Consumer<SchemaOp> log;

    public SchemaOperations(Connection connection, SchemaOpApplier applier, ProgressReporter progress) {
        this(connection, applier, progress, op -> {
        });
    }

    /** {@code log} hears every operation after it was applied. */
    public SchemaOperations(Connection connection, SchemaOpApplier applier, ProgressReporter progress, Consumer<SchemaOp> log) {
        this.connection = connection;
        this.applier = applier;
        this.progress = progress;
        this.log = log;
    }

    public void createEnum(ColumnType.Enum type) throws SQLException {
        apply(new SchemaOp.CreateEnum(type));
    }

    public void dropEnum(ColumnType.Enum type) throws SQLException {
        apply(new SchemaOp.DropEnum(type));
    }

    public void renameEnum(String from, String to) throws SQLException {
        apply(new SchemaOp.RenameEnum(from, to));
    }

    public void createTable(Table table) throws SQLException {
        apply(new SchemaOp.CreateTable(table));
    }

    public void dropTable(Table table) throws SQLException {
        apply(new SchemaOp.DropTable(table));
    }

    public void createIndex(Index index) throws SQLException {
        apply(new SchemaOp.CreateIndex(index));
    }

    public void dropIndex(Index index) throws SQLException {
        apply(new SchemaOp.DropIndex(index));
    }

    /**
     * Changes one table in a batch: PostgreSQL runs each change as an ALTER, SQLite rebuilds the
     * table once for all of them.
     */
    public void alterTable(String table, Consumer<TableChanges> changes) throws SQLException {
        TableChanges batch = new TableChanges(table);
        changes.accept(batch);
        if (!batch.ops.isEmpty()) {
            run(batch.ops);
        }
    }

    /** Applies operations in order, batching consecutive ones on the same table. */
    public void apply(List<SchemaOp> ops) throws SQLException {
        List<SchemaOp> batch = new ArrayList<>();
        for (SchemaOp op : ops) {
            if (!batch.isEmpty() && !(changesTable(op) && changesTable(batch.get(0))
                    && op.table().equals(batch.get(0).table()))) {
                run(batch);
                batch = new ArrayList<>();
            }
            batch.add(op);
        }
        if (!batch.isEmpty()) {
            run(batch);
        }
    }

    /** Whether the operation changes an existing table, so it may share a batch (a SQLite rebuild) with others. */
    private static boolean changesTable(SchemaOp op) {
        return switch (op) {
            case SchemaOp.AddColumn _, SchemaOp.DropColumn _, SchemaOp.AlterColumn _, SchemaOp.ConvertEnumColumn _,
                 SchemaOp.CreateIndex _, SchemaOp.DropIndex _, SchemaOp.AddUnique _, SchemaOp.DropUnique _,
                 SchemaOp.AddForeignKey _, SchemaOp.DropForeignKey _ -> true;
            case SchemaOp.CreateTable _, SchemaOp.DropTable _, SchemaOp.CreateEnum _, SchemaOp.DropEnum _,
                 SchemaOp.RenameEnum _ -> false;
        };
    }

    /** Undoes operations: each one's reverse, last first. */
    public void revert(List<SchemaOp> ops) throws SQLException {
        List<SchemaOp> reversed = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            reversed.add(ops.get(i).reverse());
        }
        apply(reversed);
    }

    private void apply(SchemaOp op) throws SQLException {
        run(List.of(op));
    }

    private void run(List<SchemaOp> ops) throws SQLException {
        applier.apply(connection, ops, progress);
        ops.forEach(log);
    }

    /** The changes queued for one table. */
    public static final class TableChanges {
        private final String table;
        private final List<SchemaOp> ops = new ArrayList<>();

        TableChanges(String table) {
            this.table = table;
        }

        public TableChanges addColumn(Column column) {
            ops.add(new SchemaOp.AddColumn(table, column));
            return this;
        }

        public TableChanges dropColumn(Column column) {
            ops.add(new SchemaOp.DropColumn(table, column));
            return this;
        }

        /** Changes name, type, nullability or default: {@code from} is the column as it is now. */
        public TableChanges alterColumn(Column from, Column to) {
            ops.add(new SchemaOp.AlterColumn(table, from, to));
            return this;
        }

        public TableChanges convertEnum(Column from, Column to, LabelMap map, LabelMap reverseMap) {
            ops.add(new SchemaOp.ConvertEnumColumn(table, from, to, map, reverseMap));
            return this;
        }

        public TableChanges createIndex(String name, String... columns) {
            ops.add(new SchemaOp.CreateIndex(new Index(name, table, List.of(columns), false)));
            return this;
        }

        public TableChanges dropIndex(String name, String... columns) {
            ops.add(new SchemaOp.DropIndex(new Index(name, table, List.of(columns), false)));
            return this;
        }

        public TableChanges addUnique(String name, String... columns) {
            ops.add(new SchemaOp.AddUnique(table, UniqueConstraint.of(name, columns)));
            return this;
        }

        public TableChanges dropUnique(String name, String... columns) {
            ops.add(new SchemaOp.DropUnique(table, UniqueConstraint.of(name, columns)));
            return this;
        }

        public TableChanges addForeignKey(ForeignKey foreignKey) {
            ops.add(new SchemaOp.AddForeignKey(table, foreignKey));
            return this;
        }

        public TableChanges dropForeignKey(ForeignKey foreignKey) {
            ops.add(new SchemaOp.DropForeignKey(table, foreignKey));
            return this;
        }
    }
}
