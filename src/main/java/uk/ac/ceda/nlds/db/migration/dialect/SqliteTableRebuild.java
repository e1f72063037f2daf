package uk.ac.ceda.nlds.db.migration.dialect;

import static uk.ac.ceda.nlds.db.migration.dialect.Sql.execute;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.queryLong;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;
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
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * One SQLite table rebuild, the way Alembic's batch mode does it: create
 * {@code _alembic_tmp_<table>} in the new shape, copy every row with {@code INSERT … SELECT}
 * (in rowid ranges, so progress can be reported), drop the old table, rename the new one,
 * recreate the indexes, and check foreign keys. The copy is counted: a rebuild never loses a row.
 * Runs with foreign-key enforcement off (it cannot be switched inside a transaction), so
 * {@code PRAGMA foreign_key_check} stands in for it at the end.
 */
final class SqliteTableRebuild {

    static final String TEMP_PREFIX = "_alembic_tmp_";
    private static final long BATCH_ROWS = 50_000;

    private final Connection connection;
    private final Table current;
    private final ProgressReporter progress;
    private Table target;
    /** For each column of the new table, the expression over the old table that fills it. */
    private final Map<String, String> sources = new LinkedHashMap<>();
    /** Each enum conversion's label check, on the column's expression as the operations before it left it. */
    private final List<LabelCheck> labelChecks = new ArrayList<>();

    private record LabelCheck(ConvertEnumColumn op, String textExpression) {
    }

    /** The conversions a column's source applies, in order, to {@code stored}, giving {@code expression}. */
    private record Chain(String stored, List<ConvertEnumColumn> ops, String expression) {
    }

    private final Map<String, Chain> chains = new LinkedHashMap<>();

    SqliteTableRebuild(Connection connection, Table current, ProgressReporter progress) {
        this.connection = connection;
        this.current = current;
        this.progress = progress;
        this.target = current;
        current.columns().forEach(c -> sources.put(c.name(), quote(c.name())));
    }

    void apply(List<SchemaOp> ops) throws SQLException {
        apply(ops, true);
    }

    /** The same, without the label checks when {@link #check} already made them on the same rows. */
    void apply(List<SchemaOp> ops, boolean checkLabels) throws SQLException {
        requireForeignKeysOff();
        for (SchemaOp op : ops) {
            plan(op);
        }
        if (checkLabels) {
            runLabelChecks(labelChecks);
        }
        rebuild();
    }

    /**
     * What {@link #apply} would refuse before copying anything, for the operations {@code added}
     * at the end of {@code ops}: a rebuild deferred within a group refuses in the revision that asked
     * for it, with the same message, and reads each label through the conversions before it.
     */
    static void check(Connection connection, Table current, List<SchemaOp> ops, List<SchemaOp> added)
            throws SQLException {
        SqliteTableRebuild rebuild = new SqliteTableRebuild(connection, current, ProgressReporter.NONE);
        for (SchemaOp op : ops) {
            rebuild.plan(op);
        }
        rebuild.runLabelChecks(rebuild.labelChecks.stream()
                .filter(c -> added.stream().anyMatch(op -> op == c.op())).toList());
    }

    private void runLabelChecks(List<LabelCheck> checks) throws SQLException {
        for (LabelCheck check : checks) {
            LabelConversion.requireMappable(connection, check.op(), check.textExpression());
        }
    }

    /** The table's shape after {@code ops}, as a rebuild would make it; reads nothing. */
    static Table shapeAfter(Table current, List<SchemaOp> ops) {
        SqliteTableRebuild rebuild = new SqliteTableRebuild(null, current, ProgressReporter.NONE);
        for (SchemaOp op : ops) {
            rebuild.plan(op);
        }
        return rebuild.target;
    }

    private void requireForeignKeysOff() throws SQLException {
        if (queryLong(connection, "PRAGMA foreign_keys") != 0) {
            throw new IllegalStateException("SQLite table rebuilds need a connection with foreign_keys=OFF;"
                    + " use the migration DataSource, not the service pool");
        }
    }

    private void plan(SchemaOp op) {
        switch (op) {
            case AddColumn(_, Column column) -> {
                target = target.withColumns(append(target.columns(), column));
                sources.put(column.name(), column.defaultValue() == null ? "NULL"
                        : SqliteDialect.defaultLiteral(column.defaultValue()));
            }
            case DropColumn(_, Column column) -> {
                String name = column.name();
                requireUnreferenced(name);
                target.requireColumn(name);
                target = target.withColumns(target.columns().stream().filter(c -> !c.name().equals(name)).toList());
                sources.remove(name);
            }
            case AlterColumn(_, Column from, Column to) -> replaceColumn(from.name(), to, sources.get(from.name()));
            case ConvertEnumColumn convert -> {
                // a conversion merged after others on the same column maps what they wrote: one flat CASE
                // over the stored labels for all of them, and the check reads the labels the earlier ones write
                String name = convert.from().name();
                target.requireColumn(name);
                String source = sources.get(name);
                Chain before = chains.get(name);
                List<ConvertEnumColumn> chain = new ArrayList<>();
                String stored = source;
                if (before != null && before.expression().equals(source)) {
                    chain.addAll(before.ops());
                    stored = before.stored();
                } else if (!source.equals(quote(name))) {
                    stored = "(" + source + ")";
                }
                labelChecks.add(new LabelCheck(convert, chain.isEmpty() ? stored
                        : "(" + LabelConversion.composedCaseExpression(chain, stored) + ")"));
                chain.add(convert);
                String expression = LabelConversion.composedCaseExpression(chain, stored);
                replaceColumn(name, convert.to(), expression);
                chains.put(name, new Chain(stored, List.copyOf(chain), expression));
            }
            case AddUnique(_, UniqueConstraint constraint) -> target = target.withUniques(append(target.uniques(), constraint));
            case DropUnique(_, UniqueConstraint dropped) -> target = target.withUniques(without(target.uniques(),
                    "unique constraint " + dropped.name(),
                    u -> matches(u.name(), u.columns(), dropped.name(), dropped.columns())));
            case AddForeignKey(_, ForeignKey foreignKey) ->
                    target = target.withForeignKeys(append(target.foreignKeys(), foreignKey));
            case DropForeignKey(_, ForeignKey fk) -> target = target.withForeignKeys(without(target.foreignKeys(),
                    "foreign key " + fk.name(), k -> matches(k.name(), k.columns(), fk.name(), fk.columns())));
            case CreateIndex(Index index) -> target = target.withIndexes(append(target.indexes(), index));
            case DropIndex(Index dropped) -> target = target.withIndexes(without(target.indexes(),
                    "index " + dropped.name(), i -> i.name().equals(dropped.name())));
            case CreateTable _, DropTable _, CreateEnum _, DropEnum _, RenameEnum _ ->
                    throw new IllegalArgumentException("cannot batch " + op + " into a SQLite table rebuild");
        }
    }

    /** Reflected SQLite constraints may have no name: then the column list identifies them. */
    private static boolean matches(String name, List<String> columns, String wantedName, List<String> wantedColumns) {
        return name != null ? name.equals(wantedName) : columns.equals(wantedColumns);
    }

    private void replaceColumn(String oldName, Column replacement, String source) {
        target.requireColumn(oldName);
        String newName = replacement.name();
        List<Column> columns = target.columns().stream().map(c -> c.name().equals(oldName) ? replacement : c).toList();
        Map<String, String> renamed = new LinkedHashMap<>();
        sources.forEach((name, expression) -> renamed.put(name.equals(oldName) ? newName : name,
                name.equals(oldName) ? source : expression));
        sources.clear();
        sources.putAll(renamed);
        target = new Table(target.name(), columns, target.primaryKeyName(), rename(target.primaryKey(), oldName, newName),
                target.uniques().stream().map(u -> new UniqueConstraint(u.name(), rename(u.columns(), oldName, newName))).toList(),
                target.foreignKeys().stream().map(f -> new ForeignKey(f.name(), rename(f.columns(), oldName, newName),
                        f.referencedTable(), f.referencedColumns())).toList(),
                target.indexes().stream().map(i -> new Index(i.name(), i.table(), rename(i.columns(), oldName, newName),
                        i.unique())).toList());
    }

    private void requireUnreferenced(String column) {
        boolean referenced = target.primaryKey().contains(column)
                || target.uniques().stream().anyMatch(u -> u.columns().contains(column))
                || target.foreignKeys().stream().anyMatch(f -> f.columns().contains(column))
                || target.indexes().stream().anyMatch(i -> i.columns().contains(column));
        if (referenced) {
            throw new IllegalArgumentException("drop the indexes and constraints on " + target.name() + "." + column
                    + " before dropping the column");
        }
    }

    private void rebuild() throws SQLException {
        String table = quote(current.name());
        String temp = quote(TEMP_PREFIX + current.name());
        execute(connection, "DROP TABLE IF EXISTS " + temp);
        execute(connection, SqliteDialect.createTable(TEMP_PREFIX + current.name(), target));
        try {
            copyRows(table, temp);
        } catch (SQLException | RuntimeException e) {
            execute(connection, "DROP TABLE IF EXISTS " + temp);
            throw new MigrationException("rebuilding table " + current.name() + " failed, the table is unchanged: "
                    + e.getMessage(), e);
        }
        execute(connection, "DROP TABLE " + table);
        execute(connection, "ALTER TABLE " + temp + " RENAME TO " + table);
        for (Index index : target.indexes()) {
            execute(connection, SqliteDialect.createIndex(index));
        }
        checkForeignKeys();
    }

    private void copyRows(String table, String temp) throws SQLException {
        long expected = queryLong(connection, "SELECT COUNT(*) FROM " + table);
        long minRowid = queryLong(connection, "SELECT COALESCE(MIN(rowid), 0) FROM " + table);
        long maxRowid = queryLong(connection, "SELECT COALESCE(MAX(rowid), -1) FROM " + table);
        String insert = "INSERT INTO " + temp + " (" + sources.keySet().stream().map(Sql::quote)
                .collect(Collectors.joining(", ")) + ") SELECT " + String.join(", ", sources.values()) + " FROM "
                + table + " WHERE rowid BETWEEN ? AND ?";
        long copied = 0;
        try (ProgressStep step = progress.step("rebuild " + current.name(), expected);
                PreparedStatement ps = connection.prepareStatement(insert)) {
            for (long low = minRowid; low <= maxRowid; low += BATCH_ROWS) {
                ps.setLong(1, low);
                ps.setLong(2, Math.min(maxRowid, low + BATCH_ROWS - 1));
                int rows = ps.executeUpdate();
                copied += rows;
                step.advance(rows);
            }
        }
        if (copied != expected) {
            throw new IllegalStateException("copied " + copied + " of " + expected + " rows");
        }
    }

    /** Foreign keys of the rebuilt table and of every table that points at it must still hold. */
    private void checkForeignKeys() throws SQLException {
        List<String> tables = new ArrayList<>();
        tables.add(current.name());
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String name : tables) {
            if (!name.equals(current.name()) && !references(name, current.name())) {
                continue;
            }
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA foreign_key_check(" + quote(name) + ")")) {
                if (rs.next()) {
                    throw new MigrationException("rebuilding table " + current.name() + " broke a foreign key: "
                            + rs.getString("table") + " row " + rs.getLong("rowid") + " points at a missing "
                            + rs.getString("parent") + " row");
                }
            }
        }
    }

    private boolean references(String table, String parent) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA foreign_key_list(" + quote(table) + ")")) {
            while (rs.next()) {
                if (parent.equals(rs.getString("table"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    private static <T> List<T> without(List<T> list, String what, Predicate<T> match) {
        if (list.stream().noneMatch(match)) {
            throw new IllegalArgumentException("no " + what + " to drop");
        }
        return list.stream().filter(match.negate()).toList();
    }

    private static List<String> rename(List<String> columns, String from, String to) {
        return columns.stream().map(c -> c.equals(from) ? to : c).toList();
    }
}
