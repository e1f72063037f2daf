package uk.ac.ceda.nlds.db.migration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * The schema each revision produces, read from a scratch database built by the revisions
 * themselves, so it can never drift from them: on SQLite an in-memory database, on PostgreSQL a
 * scratch schema inside a transaction that is rolled back (the real database is never changed).
 */
public final class RevisionShapes {

    /**
     * The schema at one version, and whether the revision that led there ran no statement at all
     * (a no-op for this database, so the versions on either side of it mean the same thing).
     */
    public record Shape(int version, DatabaseSchema schema, boolean noOp) {
    }

    private RevisionShapes() {
    }

    /** Element {@code v} is the shape at version {@code v}, for 0 (empty) up to {@code upTo}. */
    public static List<Shape> upTo(String database, Backend backend, RevisionCatalogue revisions,
            DataSource dataSource, int upTo) {
        RevisionCatalogue quiet = revisions.withRuntime(new RevisionRuntime(database, backend, property -> null,
                ProgressListener.NONE));
        try (Connection connection = ScratchDatabase.open(backend, dataSource, "nlds_shape_")) {
            try {
                List<Shape> shapes = new ArrayList<>();
                shapes.add(new Shape(0, inspect(backend, connection), false));
                for (int version = 1; version <= upTo; version++) {
                    AtomicInteger statements = new AtomicInteger();
                    quiet.at(version).apply(counting(connection, statements));
                    shapes.add(new Shape(version, inspect(backend, connection), statements.get() == 0));
                }
                return shapes;
            } finally {
                connection.rollback();
            }
        } catch (Exception e) {
            throw new MigrationException(database + ": cannot build the schema of each revision in a scratch database: "
                    + e.getMessage(), e);
        }
    }

    private static DatabaseSchema inspect(Backend backend, Connection connection) throws SQLException {
        return Dialect.of(backend).inspector().inspect(connection);
    }

    /** The same connection, counting the statements created on it. */
    private static Connection counting(Connection connection, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().endsWith("Statement") || method.getName().equals("prepareCall")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
