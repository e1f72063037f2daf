package uk.ac.ceda.nlds.db.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * Fills an NLDS database pair that is at revision 1 with N files and N sub-records: 1.5
 * locations per file (every file on object storage, every second file also on tape, so at most
 * one location per storage type per file as revision 4 demands), one checksum per file, every
 * 2023 path type and NULL, every revision-1 state, failed files and warnings. PostgreSQL loads
 * with COPY, SQLite with batched inserts in one transaction.
 */
public final class BenchmarkData {

    static final String TIMESTAMP = "2023-07-05 12:00:00";
    static final String[] PATH_TYPES = {"FILE", "DIRECTORY", "LINK_UNCLASSIFIED", "LINK_COMMON_PATH",
            "LINK_ABSOLUTE_PATH", "NOT_RECOGNISED", null};
    static final String[] STATES = {"INITIALISING", "ROUTING", "SPLITTING", "INDEXING", "CATALOG_PUTTING",
            "TRANSFER_PUTTING", "CATALOG_ROLLBACK", "CATALOG_GETTING", "TRANSFER_GETTING", "COMPLETE", "FAILED",
            "CATALOG_BACKUP", "ARCHIVE_PUTTING", "CATALOG_RESTORING", "ARCHIVE_GETTING", "CATALOG_UPDATING"};

    private static final int SQLITE_BATCH = 10_000;

    private final long files;
    /** Whether loading ends with {@code ANALYZE}; a freshly restored dump has no statistics yet. */
    private final boolean analyze;

    public BenchmarkData(long files) {
        this(files, true);
    }

    private BenchmarkData(long files, boolean analyze) {
        if (files < PATH_TYPES.length * 2 || files < STATES.length) {
            throw new IllegalArgumentException("bench.rows must be at least 16, got " + files);
        }
        this.files = files;
        this.analyze = analyze;
    }

    /** The same data, loaded as a restored dump leaves it: no ANALYZE (nor VACUUM) afterwards. */
    public BenchmarkData withoutAnalyze() {
        return new BenchmarkData(files, false);
    }

    long holdings() {
        return Math.max(1, files / 1000);
    }

    long transactions() {
        return Math.max(1, files / 100);
    }

    long locations() {
        return files + files / 2;
    }

    long failedFiles() {
        return Math.max(1, files / 10);
    }

    /** Every row the pair holds, for rows-per-second of loading. */
    long totalRows() {
        return 2 * holdings() + 2 * transactions() + 3 * files + locations() + failedFiles() + transactions();
    }

    public void loadCatalog(Connection connection) throws SQLException, IOException {
        Loader loader = loader(connection);
        loader.load("holding", List.of("id", "label", "user", "group"), holdings(),
                i -> new Object[] {i, "holding-" + i, "user" + i % 50, "group" + i % 10});
        loader.load("tag", List.of("id", "key", "value", "holding_id"), holdings(),
                i -> new Object[] {i, "project", "value-" + i, i});
        loader.load("transaction", List.of("id", "transaction_id", "ingest_time", "holding_id"), transactions(),
                i -> new Object[] {i, "txn-" + i, TIMESTAMP, 1 + (i - 1) % holdings()});
        loader.load("file", List.of("id", "transaction_id", "original_path", "path_type", "link_path", "size", "user",
                "group", "file_permissions"), files, i -> {
                    String pathType = PATH_TYPES[(int) (i % PATH_TYPES.length)];
                    boolean link = pathType != null && pathType.startsWith("LINK");
                    return new Object[] {i, 1 + (i - 1) % transactions(), "/gws/nlds/data/file-" + i + ".nc", pathType,
                            link ? "/gws/nlds/target-" + i : null, i * 1024, 1000 + i % 50, 100 + i % 10, 420};
                });
        loader.load("location", List.of("id", "storage_type", "root", "path", "access_time", "file_id"), locations(),
                i -> i <= files
                        ? new Object[] {i, "OBJECT_STORAGE", "nlds-bucket", "file-" + i + ".nc", TIMESTAMP, i}
                        : new Object[] {i, "TAPE", "/eos/nlds", "file-" + 2 * (i - files) + ".nc", TIMESTAMP,
                                2 * (i - files)});
        loader.load("checksum", List.of("id", "checksum", "algorithm", "file_id"), files,
                i -> new Object[] {i, String.format("%064x", i), "SHA256", i});
        loader.finish(List.of("holding", "tag", "transaction", "file", "location", "checksum"));
    }

    public void loadMonitor(Connection connection) throws SQLException, IOException {
        Loader loader = loader(connection);
        loader.load("transaction_record", List.of("id", "transaction_id", "user", "group", "job_label", "api_action",
                "creation_time"), transactions(), i -> new Object[] {i, "txn-" + i, "user" + i % 50, "group" + i % 10,
                        i % 3 == 0 ? null : "job-" + i, i % 2 == 0 ? "put" : "get", TIMESTAMP});
        loader.load("sub_record", List.of("id", "sub_id", "state", "retry_count", "last_updated",
                "transaction_record_id"), files, i -> new Object[] {i, "sub-" + i, STATES[(int) (i % STATES.length)],
                        i % 3, TIMESTAMP, 1 + (i - 1) % transactions()});
        loader.load("failed_file", List.of("id", "filepath", "reason", "sub_record_id"), failedFiles(),
                i -> new Object[] {i, "/gws/nlds/data/file-" + i + ".nc", "checksum mismatch", 1 + (i - 1) * 10 % files});
        loader.load("warning", List.of("id", "warning", "transaction_record_id"), transactions(),
                i -> new Object[] {i, "file skipped " + i, i});
        loader.finish(List.of("transaction_record", "sub_record", "failed_file", "warning"));
    }

    private Loader loader(Connection connection) throws SQLException {
        return Backend.fromUrl(connection.getMetaData().getURL()) == Backend.POSTGRESQL
                ? new CopyLoader(connection, analyze) : new BatchLoader(connection, analyze);
    }

    static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    private interface Loader {
        void load(String table, List<String> columns, long rows, LongFunction<Object[]> row)
                throws SQLException, IOException;

        void finish(List<String> tables) throws SQLException;
    }

    /** COPY … FROM STDIN in the text format, streamed in chunks so memory stays flat. */
    private static final class CopyLoader implements Loader {
        private final Connection connection;
        private final boolean analyze;

        CopyLoader(Connection connection, boolean analyze) {
            this.connection = connection;
            this.analyze = analyze;
        }

        @Override
        public void load(String table, List<String> columns, long rows, LongFunction<Object[]> row)
                throws SQLException {
            String sql = "COPY " + quote(table) + " (" + columns.stream().map(BenchmarkData::quote)
                    .collect(Collectors.joining(", ")) + ") FROM STDIN";
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            StringBuilder chunk = new StringBuilder(1 << 20);
            for (long i = 1; i <= rows; i++) {
                Object[] values = row.apply(i);
                for (int c = 0; c < values.length; c++) {
                    if (c > 0) {
                        chunk.append('\t');
                    }
                    chunk.append(values[c] == null ? "\\N" : values[c].toString());
                }
                chunk.append('\n');
                if (chunk.length() > (1 << 20) - 512) {
                    write(copy, chunk);
                }
            }
            write(copy, chunk);
            copy.endCopy();
        }

        private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            chunk.setLength(0);
        }

        @Override
        public void finish(List<String> tables) throws SQLException {
            try (Statement st = connection.createStatement()) {
                for (String table : tables) {
                    st.execute("SELECT setval(pg_get_serial_sequence('" + quote(table) + "', 'id'), "
                            + "(SELECT MAX(id) FROM " + quote(table) + "))");
                }
                if (analyze) {
                    st.execute("ANALYZE");
                }
            }
        }
    }

    /** Batched prepared inserts; the caller's transaction makes it one commit. */
    private static final class BatchLoader implements Loader {
        private final Connection connection;
        private final boolean analyze;

        BatchLoader(Connection connection, boolean analyze) throws SQLException {
            this.connection = connection;
            this.analyze = analyze;
            connection.setAutoCommit(false);
        }

        @Override
        public void load(String table, List<String> columns, long rows, LongFunction<Object[]> row)
                throws SQLException {
            String sql = "INSERT INTO " + quote(table) + " (" + columns.stream().map(BenchmarkData::quote)
                    .collect(Collectors.joining(", ")) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (long i = 1; i <= rows; i++) {
                    Object[] values = row.apply(i);
                    for (int c = 0; c < values.length; c++) {
                        ps.setObject(c + 1, values[c]);
                    }
                    ps.addBatch();
                    if (i % SQLITE_BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }

        @Override
        public void finish(List<String> tables) throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
            if (analyze) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ANALYZE");
                }
            }
        }
    }
}
