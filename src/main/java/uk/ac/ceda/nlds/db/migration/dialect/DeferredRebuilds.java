package uk.ac.ceda.nlds.db.migration.dialect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AddForeignKey;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AddUnique;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.AlterColumn;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.CreateIndex;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropForeignKey;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropIndex;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.DropUnique;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/**
 * SQLite table rebuilds deferred across the revisions of one group (pending revisions in one
 * transaction, {@code nlds.migration.group}), as Alembic's batch mode defers within one revision:
 * the operations on a table that needs a rebuild are recorded, later ones on the same table merged
 * in (enum conversions composed into one CASE), and the table is rebuilt once, when something needs
 * the real table: a data step or raw SQL (flushed by the revision's context), a revision's schema
 * read (answered from the pending shape instead), the group's last revision, and in any case before
 * the transaction commits. A rollback forgets what was pending, since the transaction took the
 * database back to where the recording started.
 *
 * <p>The state lives in the connections of {@link #deferring(DataSource)}: each is a proxy whose
 * handler is one of these.
 */
public final class DeferredRebuilds implements InvocationHandler {

    /** Whether a SQLite group defers its rebuilds; {@code true} unless set to {@code false}. */
    public static final String PROPERTY = "nlds.migration.defer-rebuilds";

    private final Connection connection;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private record Pending(Table current, List<SchemaOp> ops) {
    }

    private DeferredRebuilds(Connection connection) {
        this.connection = connection;
    }

    /** Whether the setting asks for deferral (anything but {@code false}). */
    public static boolean enabled(String setting) {
        return setting == null || setting.isBlank() || !setting.trim().equalsIgnoreCase("false");
    }

    /** {@code dataSource} whose connections defer SQLite rebuilds until they are needed or the transaction commits. */
    public static DataSource deferring(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(DeferredRebuilds.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = call(dataSource, method, args);
                    return result instanceof Connection c && method.getName().equals("getConnection")
                            ? Proxy.newProxyInstance(DeferredRebuilds.class.getClassLoader(),
                                    new Class<?>[] {Connection.class}, new DeferredRebuilds(c))
                            : result;
                });
    }

    /** The deferral state of {@code connection}, when it came from {@link #deferring}. */
    public static Optional<DeferredRebuilds> of(Connection connection) {
        return Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof DeferredRebuilds deferred
                ? Optional.of(deferred) : Optional.empty();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            // what a commit makes durable must be the real tables; a savepoint must not split a pending rebuild
            case "commit", "setSavepoint" -> flush(ProgressReporter.NONE);
            case "setAutoCommit" -> {
                if (Boolean.TRUE.equals(args[0]) && !connection.getAutoCommit()) {
                    flush(ProgressReporter.NONE);
                }
            }
            case "rollback", "close" -> pending.clear();
            default -> {
                // passed through
            }
        }
        return call(connection, method, args);
    }

    /**
     * Records {@code batch} (operations on one table) instead of applying it, when the table needs a
     * rebuild for it or already has one pending; false when the caller applies it now. Creating or
     * dropping a table with a pending rebuild flushes that rebuild first.
     */
    boolean defer(List<SchemaOp> batch, ProgressReporter progress) throws SQLException {
        String table = batch.get(0).table();
        if (table == null) {
            return false;
        }
        if (batch.stream().anyMatch(op -> op instanceof SchemaOp.CreateTable || op instanceof SchemaOp.DropTable)) {
            flush(table::equals, progress);
            return false;
        }
        Pending entry = pending.get(table);
        if (entry == null) {
            if (!SqliteDialect.rebuilds(batch)) {
                return false;
            }
            Table current = new SqliteInspector().table(connection, table)
                    .orElseThrow(() -> new IllegalStateException("table " + table + " does not exist"));
            entry = new Pending(current, new ArrayList<>());
        }
        List<SchemaOp> ops = new ArrayList<>(entry.ops());
        ops.addAll(batch);
        // refuse now, in the revision that asked, what the rebuild would refuse before copying
        SqliteTableRebuild.check(connection, entry.current(), ops, batch);
        entry.ops().addAll(batch);
        pending.putIfAbsent(table, entry);
        return true;
    }

    /** Rebuilds every pending table. */
    public void flush(ProgressReporter progress) throws SQLException {
        flush(table -> true, progress);
    }

    /**
     * Before a query (a SELECT): rebuilds the pending tables whose rows or columns a query would see
     * differently before the rebuild. A rebuild that only adds or drops constraints and indexes, or
     * changes a column's nullability or default, leaves every row as a query reads it; it stays
     * pending (if the rows break the new constraint, the rebuild fails later in the same transaction).
     */
    public void flushForQuery(ProgressReporter progress) throws SQLException {
        flush(table -> !pending.get(table).ops().stream().allMatch(DeferredRebuilds::invisibleToQueries), progress);
    }

    private void flush(Predicate<String> which, ProgressReporter progress) throws SQLException {
        Iterator<Map.Entry<String, Pending>> entries = pending.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Pending> entry = entries.next();
            if (which.test(entry.getKey())) {
                entries.remove();
                // the label checks ran as each operation was deferred, on the rows the copy reads now
                new SqliteTableRebuild(connection, entry.getValue().current(), progress)
                        .apply(entry.getValue().ops(), false);
            }
        }
    }

    private static boolean invisibleToQueries(SchemaOp op) {
        return switch (op) {
            case AlterColumn(_, var from, var to) -> from.name().equals(to.name())
                    && SqliteDialect.type(from.type()).equals(SqliteDialect.type(to.type()));
            case AddUnique _, DropUnique _, AddForeignKey _, DropForeignKey _, CreateIndex _, DropIndex _ -> true;
            default -> false;
        };
    }

    /**
     * The table as the inspector would read it once its pending rebuild ran: the rebuild's CREATE
     * statements run in a private in-memory database and are read back, so the answer is the
     * inspector's own. Empty when the table has nothing pending.
     */
    public Optional<Table> pendingShape(String table) throws SQLException {
        Pending entry = pending.get(table);
        if (entry == null) {
            return Optional.empty();
        }
        Table shape = SqliteTableRebuild.shapeAfter(entry.current(), entry.ops());
        try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            Sql.execute(memory, SqliteDialect.createTable(table, shape));
            for (Index index : shape.indexes()) {
                Sql.execute(memory, SqliteDialect.createIndex(index));
            }
            return new SqliteInspector().table(memory, table);
        }
    }

    /**
     * {@code proxy} (a connection of this state) as a revision's raw SQL gets it: each statement
     * first flushes the rebuilds it could tell from the real tables, a SELECT those of
     * {@link #flushForQuery}, anything else (writes, DDL, PRAGMAs, the schema tables, metadata,
     * several statements at once) every pending rebuild.
     */
    public Connection guarded(Connection proxy, ProgressReporter progress) {
        return (Connection) Proxy.newProxyInstance(DeferredRebuilds.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement" -> beforeSql((String) args[0], progress);
                        case "prepareCall", "getMetaData" -> flush(progress);
                        case "createStatement" -> {
                            java.sql.Statement statement = (java.sql.Statement) call(proxy, method, args);
                            return Proxy.newProxyInstance(DeferredRebuilds.class.getClassLoader(),
                                    new Class<?>[] {java.sql.Statement.class}, (sp, sm, sargs) -> {
                                        if (sargs != null && sargs.length > 0 && sargs[0] instanceof String sql
                                                && (sm.getName().startsWith("execute") || sm.getName().equals("addBatch"))) {
                                            beforeSql(sql, progress);
                                        }
                                        return call(statement, sm, sargs);
                                    });
                        }
                        default -> {
                            // passed through
                        }
                    }
                    return call(proxy, method, args);
                });
    }

    private void beforeSql(String sql, ProgressReporter progress) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        if (isPlainQuery(sql)) {
            flushForQuery(progress);
        } else {
            flush(progress);
        }
    }

    /** One SELECT that reads no schema: no PRAGMA, no sqlite_master, no second statement. */
    static boolean isPlainQuery(String sql) {
        String text = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ").strip()
                .toLowerCase(java.util.Locale.ROOT);
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.startsWith("select") && !text.contains(";") && !text.contains("pragma")
                && !text.contains("sqlite_master") && !text.contains("sqlite_schema");
    }

    /** Whether any rebuild is pending. */
    public boolean isEmpty() {
        return pending.isEmpty();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
