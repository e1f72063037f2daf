package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * How fast this database does each kind of work a migration does, timed on a small temporary
 * table of its own (never a real table, so no lock on one), in a transaction that is rolled back.
 * Scaled by the real tables' rows (and on PostgreSQL bytes), it estimates how long the work takes
 * on this server, whatever server that is. All rates are in nanoseconds.
 *
 * @param statementNanos one catalogue-only statement
 * @param scanNanosPerByte PostgreSQL: reading a table to check every row (SET NOT NULL)
 * @param rewriteNanosPerByte PostgreSQL: rewriting a table and its indexes (ALTER … TYPE … USING)
 * @param indexNanosPerRow building an index or a unique constraint
 * @param updateNanosPerRow an UPDATE in id batches, as data steps write
 * @param rebuildNanosPerRow SQLite: copying a table into its new shape (INSERT … SELECT)
 * @param lookupNanosPerRow SQLite: finding a row's parent by its key, as a rebuild's foreign-key check does
 */
public record Calibration(double statementNanos, double scanNanosPerByte, double rewriteNanosPerByte,
        double indexNanosPerRow, double updateNanosPerRow, double rebuildNanosPerRow, double lookupNanosPerRow) {

    /**
     * For an empty database: no table holds a row to scale a rate by, and the rehearsal ran every
     * revision for real on a scratch database, so its own time is the estimate. Timing the rates
     * (a 100,000-row table on SQLite) would cost more than the whole migration.
     */
    static final Calibration NONE = new Calibration(0, 0, 0, 0, 0, 0, 0);

    static final int ROWS = 20_000;
    /**
     * SQLite: enough rows that the table outgrows the connection's page cache (2 MiB by default), as
     * real tables do; a table that fits in it copies several times faster than one that does not.
     */
    static final int SQLITE_ROWS = 100_000;
    /** PostgreSQL: the indexes of the calibration table when the UPDATE is timed; each updated row writes each. */
    static final int POSTGRES_UPDATE_INDEXES = 2;
    private static final int BATCH = 5_000;
    private static final String TABLE = "nlds_plan_calibration";

    public static Calibration measure(String database, Backend backend, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return backend == Backend.POSTGRESQL ? postgres(connection) : sqlite(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationException(database + ": cannot time the kinds of work on a temporary table: "
                    + e.getMessage(), e);
        }
    }

    private static Calibration postgres(Connection c) throws SQLException {
        Sql.execute(c, "CREATE TEMPORARY TABLE " + TABLE + " (id serial PRIMARY KEY, label varchar(32),"
                + " path varchar(255), size bigint) ON COMMIT DROP");
        Sql.execute(c, "INSERT INTO " + TABLE + " (label, path, size) SELECT 'LABEL_' || (g % 7),"
                + " '/archive/group/' || md5(g::text), g FROM generate_series(1, " + ROWS + ") g");
        double statement = time(c, "ALTER TABLE " + TABLE + " ADD COLUMN note varchar");
        long heap = Sql.queryLong(c, "SELECT pg_relation_size('" + TABLE + "')");
        double scan = time(c, "ALTER TABLE " + TABLE + " ALTER COLUMN size SET NOT NULL") / heap;
        // the keys this schema indexes are integers and enums, not text: a text sort would cost more
        double index = time(c, "ALTER TABLE " + TABLE + " ADD CONSTRAINT " + TABLE + "_uq UNIQUE (size, id)") / ROWS;
        long total = Sql.queryLong(c, "SELECT pg_total_relation_size('" + TABLE + "')");
        double rewrite = time(c, "ALTER TABLE " + TABLE + " ALTER COLUMN label TYPE text USING (CASE WHEN label ="
                + " 'LABEL_1' THEN 'ONE' ELSE label END)") / total;
        return new Calibration(statement, scan, rewrite, index, batchedUpdate(c, ROWS), 0, 0);
    }

    private static Calibration sqlite(Connection c) throws SQLException {
        String columns = " (id INTEGER PRIMARY KEY, label VARCHAR(32), path VARCHAR(255), size BIGINT, note VARCHAR)";
        Sql.execute(c, "CREATE TEMPORARY TABLE " + TABLE + columns);
        Sql.execute(c, "INSERT INTO " + TABLE + " (id, label, path, size) WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL"
                + " SELECT n + 1 FROM g WHERE n < " + SQLITE_ROWS + ") SELECT n, 'LABEL_' || (n % 7),"
                + " '/archive/group/' || hex(randomblob(16)), n FROM g");
        double statement = time(c, "CREATE TEMPORARY TABLE " + TABLE + "_new" + columns);
        double rebuild = time(c, "INSERT INTO " + TABLE + "_new SELECT id, CASE WHEN label = 'LABEL_1' THEN 'ONE'"
                + " ELSE label END, path, size, note FROM " + TABLE) / SQLITE_ROWS;
        double index = time(c, "CREATE INDEX temp." + TABLE + "_size ON " + TABLE + "_new (size, id)") / SQLITE_ROWS;
        double lookup = time(c, "SELECT COUNT(*) FROM " + TABLE + "_new n WHERE NOT EXISTS (SELECT 1 FROM " + TABLE
                + " p WHERE p.id = n.size)") / SQLITE_ROWS;
        return new Calibration(statement, 0, 0, index, batchedUpdate(c, SQLITE_ROWS), rebuild, lookup);
    }

    /** As a data step writes: one UPDATE … CASE per id range. */
    private static double batchedUpdate(Connection c, int rows) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement update = c.prepareStatement("UPDATE " + TABLE + " SET note = CASE WHEN size % 2 = 0"
                + " THEN 'even' ELSE 'odd' END, path = path WHERE id BETWEEN ? AND ?")) {
            for (int low = 1; low <= rows; low += BATCH) {
                update.setInt(1, low);
                update.setInt(2, low + BATCH - 1);
                update.executeUpdate();
            }
        }
        return (double) (System.nanoTime() - start) / rows;
    }

    private static double time(Connection c, String sql) throws SQLException {
        long start = System.nanoTime();
        Sql.execute(c, sql);
        return System.nanoTime() - start;
    }
}
