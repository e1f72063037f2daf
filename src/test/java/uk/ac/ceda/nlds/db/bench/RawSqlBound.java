package uk.ac.ceda.nlds.db.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;

/**
 * The raw-SQL bound: the schema and data changes of revisions 2 to 9 written by hand as the
 * fewest set-based statements, run through plain JDBC in one transaction per database. On
 * PostgreSQL that is one UPDATE … CASE for the URL fields and one {@code ALTER … TYPE … USING
 * CASE} per label map; on SQLite one rebuild per table that needs one (location, file,
 * sub_record), with the maps applied inside its {@code INSERT … SELECT}.
 */
final class RawSqlBound {

    static final String TENANCY = "nlds-tenancy.example.org";
    static final String TAPE_URL = "root://tape.example.org//eos/nlds";
    static final String TAPE_NETLOC = "tape.example.org//eos/nlds";

    private static final String URL_SCHEME = "CASE storage_type WHEN 'OBJECT_STORAGE' THEN 'http' WHEN 'TAPE' THEN 'root' END";
    private static final String URL_NETLOC = "CASE storage_type WHEN 'OBJECT_STORAGE' THEN '" + TENANCY
            + "' WHEN 'TAPE' THEN '" + TAPE_NETLOC + "' END";
    private static final String PATH_TYPE_MAP = "CASE WHEN path_type IS NULL THEN 'NOT_RECOGNISED'"
            + " WHEN path_type IN ('LINK_UNCLASSIFIED', 'LINK_COMMON_PATH', 'LINK_ABSOLUTE_PATH') THEN 'LINK'"
            + " ELSE path_type END";
    private static final String REV5_MAP = "CASE %1$s WHEN 'CATALOG_BACKUP' THEN 'CATALOG_ARCHIVE_AGGREGATING'"
            + " WHEN 'CATALOG_RESTORING' THEN 'CATALOG_ARCHIVE_ROLLBACK'"
            + " WHEN 'CATALOG_UPDATING' THEN 'CATALOG_ARCHIVE_UPDATING' ELSE %1$s END";
    private static final String REV7_MAP = "CASE %1$s WHEN 'CATALOG_ROLLBACK' THEN 'CATALOG_REMOVING'"
            + " WHEN 'CATALOG_ARCHIVE_AGGREGATING' THEN 'TRANSFER_INIT'"
            + " WHEN 'CATALOG_ARCHIVE_ROLLBACK' THEN 'CATALOG_ARCHIVE_UPDATING' ELSE %1$s END";
    private static final String REV9_MAP = "CASE %1$s WHEN 'CATALOG_UPDATING' THEN 'CATALOG_ARCHIVE_UPDATING'"
            + " WHEN 'ARCHIVE_PREPARING' THEN 'ARCHIVE_GETTING' ELSE %1$s END";

    private static final String STATE_V5 = "'INITIALISING', 'ROUTING', 'COMPLETE', 'FAILED', 'SPLITTING', 'INDEXING',"
            + " 'CATALOG_PUTTING', 'TRANSFER_PUTTING', 'CATALOG_ROLLBACK', 'CATALOG_GETTING', 'ARCHIVE_GETTING',"
            + " 'TRANSFER_GETTING', 'ARCHIVE_INIT', 'CATALOG_ARCHIVE_AGGREGATING', 'ARCHIVE_PUTTING',"
            + " 'CATALOG_ARCHIVE_UPDATING', 'CATALOG_ARCHIVE_ROLLBACK'";
    private static final String STATE_V7_HEAD = "'INITIALISING', 'ROUTING', 'SPLITTING', 'INDEXING', 'CATALOG_PUTTING',"
            + " 'TRANSFER_PUTTING', 'CATALOG_GETTING', 'ARCHIVE_GETTING', 'TRANSFER_GETTING', 'TRANSFER_INIT',"
            + " 'ARCHIVE_INIT', 'ARCHIVE_PUTTING', 'ARCHIVE_PREPARING', 'CATALOG_DELETING', 'CATALOG_UPDATING',"
            + " 'CATALOG_ARCHIVE_UPDATING', 'CATALOG_REMOVING', 'COMPLETE', 'FAILED', 'COMPLETE_WITH_ERRORS',"
            + " 'COMPLETE_WITH_WARNINGS', ";
    private static final String STATE_V7 = STATE_V7_HEAD + "'SEARCHING'";
    private static final String STATE_V9 = STATE_V7_HEAD + "'SPLIT', 'SEARCHING'";

    private RawSqlBound() {
    }

    static List<String> catalog(Backend backend) {
        return backend == Backend.POSTGRESQL ? List.of(
                "CREATE TABLE aggregation (id SERIAL NOT NULL, tarname VARCHAR NOT NULL, checksum VARCHAR,"
                        + " algorithm VARCHAR, failed_fl BOOLEAN DEFAULT false NOT NULL,"
                        + " CONSTRAINT aggregation_pkey PRIMARY KEY (id))",
                "ALTER TABLE location ADD COLUMN aggregation_id INTEGER, ADD COLUMN url_scheme VARCHAR,"
                        + " ADD COLUMN url_netloc VARCHAR, ADD CONSTRAINT fk_location_aggregation_id_aggregation"
                        + " FOREIGN KEY (aggregation_id) REFERENCES aggregation (id)",
                "CREATE INDEX ix_location_aggregation_id ON location (aggregation_id)",
                "UPDATE location SET url_scheme = " + URL_SCHEME + ", url_netloc = " + URL_NETLOC,
                "ALTER TABLE location ALTER COLUMN url_scheme SET NOT NULL, ALTER COLUMN url_netloc SET NOT NULL,"
                        + " ADD CONSTRAINT uq_location_storage_type UNIQUE (storage_type, file_id)",
                "ALTER TYPE pathtype RENAME TO pathtype_old",
                "CREATE TYPE pathtype AS ENUM ('FILE', 'DIRECTORY', 'LINK', 'NOT_RECOGNISED', 'UNINDEXED')",
                "ALTER TABLE file ALTER COLUMN path_type TYPE pathtype USING ("
                        + PATH_TYPE_MAP.replace("path_type", "path_type::text") + ")::pathtype,"
                        + " ALTER COLUMN path_type SET DEFAULT 'NOT_RECOGNISED', ALTER COLUMN path_type SET NOT NULL",
                "DROP TYPE pathtype_old")
                : List.of(
                "CREATE TABLE aggregation (id INTEGER NOT NULL, tarname VARCHAR NOT NULL, checksum VARCHAR,"
                        + " algorithm VARCHAR, failed_fl BOOLEAN DEFAULT (0) NOT NULL, PRIMARY KEY (id))",
                "CREATE TABLE _new_location (id INTEGER NOT NULL, storage_type VARCHAR(14), root VARCHAR NOT NULL,"
                        + " path VARCHAR NOT NULL, access_time DATETIME, file_id INTEGER NOT NULL, aggregation_id INTEGER,"
                        + " url_scheme VARCHAR NOT NULL, url_netloc VARCHAR NOT NULL, PRIMARY KEY (id),"
                        + " CONSTRAINT fk_location_file_id_file FOREIGN KEY (file_id) REFERENCES file (id),"
                        + " CONSTRAINT fk_location_aggregation_id_aggregation FOREIGN KEY (aggregation_id)"
                        + " REFERENCES aggregation (id),"
                        + " CONSTRAINT uq_location_storage_type UNIQUE (storage_type, file_id))",
                "INSERT INTO _new_location SELECT id, storage_type, root, path, access_time, file_id, NULL, "
                        + URL_SCHEME + ", " + URL_NETLOC + " FROM location",
                "DROP TABLE location",
                "ALTER TABLE _new_location RENAME TO location",
                "CREATE INDEX ix_location_file_id ON location (file_id)",
                "CREATE INDEX ix_location_aggregation_id ON location (aggregation_id)",
                "CREATE TABLE _new_file (id INTEGER NOT NULL, transaction_id INTEGER NOT NULL, original_path VARCHAR,"
                        + " path_type VARCHAR(14) DEFAULT 'NOT_RECOGNISED' NOT NULL, link_path VARCHAR, size BIGINT,"
                        + " \"user\" INTEGER, \"group\" INTEGER, file_permissions INTEGER, PRIMARY KEY (id),"
                        + " CONSTRAINT file_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES \"transaction\" (id))",
                "INSERT INTO _new_file SELECT id, transaction_id, original_path, " + PATH_TYPE_MAP
                        + ", link_path, size, \"user\", \"group\", file_permissions FROM file",
                "DROP TABLE file",
                "ALTER TABLE _new_file RENAME TO file",
                "CREATE INDEX ix_file_transaction_id ON file (transaction_id)");
    }

    static List<String> monitor(Backend backend) {
        if (backend == Backend.POSTGRESQL) {
            return List.of(
                    "ALTER TYPE state RENAME TO state_v1",
                    "CREATE TYPE state AS ENUM (" + STATE_V5 + ")",
                    "ALTER TABLE sub_record ALTER COLUMN state TYPE state USING (" + map(REV5_MAP, "state::text")
                            + ")::state",
                    "DROP TYPE state_v1",
                    "ALTER TYPE state RENAME TO state_v5",
                    "CREATE TYPE state AS ENUM (" + STATE_V7 + ")",
                    "ALTER TABLE sub_record ALTER COLUMN state TYPE state USING (" + map(REV7_MAP, "state::text")
                            + ")::state, ALTER COLUMN state SET DEFAULT 'INITIALISING'",
                    "DROP TYPE state_v5",
                    "ALTER TYPE state RENAME TO state_v7",
                    "CREATE TYPE state AS ENUM (" + STATE_V9 + ")",
                    "ALTER TABLE sub_record ALTER COLUMN state DROP DEFAULT, ALTER COLUMN state TYPE state USING ("
                            + map(REV9_MAP, "state::text") + ")::state, ALTER COLUMN state SET DEFAULT 'INITIALISING'",
                    "DROP TYPE state_v7");
        }
        String state = map(REV9_MAP, map(REV7_MAP, map(REV5_MAP, "state")));
        return List.of(
                "CREATE TABLE _new_sub_record (id INTEGER NOT NULL, sub_id VARCHAR NOT NULL,"
                        + " state VARCHAR(24) DEFAULT 'INITIALISING' NOT NULL, retry_count INTEGER NOT NULL,"
                        + " last_updated DATETIME NOT NULL, transaction_record_id INTEGER NOT NULL, PRIMARY KEY (id),"
                        + " CONSTRAINT sub_record_transaction_record_id_fkey FOREIGN KEY (transaction_record_id)"
                        + " REFERENCES transaction_record (id))",
                "INSERT INTO _new_sub_record SELECT id, sub_id, " + state
                        + ", retry_count, last_updated, transaction_record_id FROM sub_record",
                "DROP TABLE sub_record",
                "ALTER TABLE _new_sub_record RENAME TO sub_record",
                "CREATE INDEX ix_sub_record_sub_id ON sub_record (sub_id)",
                "CREATE INDEX ix_sub_record_transaction_record_id ON sub_record (transaction_record_id)");
    }

    private static String map(String template, String expression) {
        return String.format(template, "(" + expression + ")");
    }

    /** Both databases one after the other, each in one transaction: the elapsed seconds. */
    static double oneAfterTheOther(DatabasePair pair, Backend backend) throws SQLException {
        try (Connection c = pair.catalog().connect(); Connection m = pair.monitor().connect()) {
            return run(c, catalog(backend)) + run(m, monitor(backend));
        }
    }

    /** Both databases at once, as the engine migrates them, each in one transaction: the wall-clock seconds. */
    static double sideBySide(DatabasePair pair, Backend backend) throws Exception {
        try (Connection c = pair.catalog().connect(); Connection m = pair.monitor().connect()) {
            long start = System.nanoTime();
            java.util.concurrent.CompletableFuture<Double> monitor = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return run(m, monitor(backend));
                } catch (SQLException e) {
                    throw new IllegalStateException("the monitor's raw-SQL bound failed", e);
                }
            }, task -> Thread.ofPlatform().name("raw-monitor").start(task));
            run(c, catalog(backend));
            monitor.join();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Runs the statements in one transaction and returns the elapsed seconds. */
    static double run(Connection connection, List<String> statements) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
