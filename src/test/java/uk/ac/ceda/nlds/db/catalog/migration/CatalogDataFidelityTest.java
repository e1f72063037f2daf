package uk.ac.ceda.nlds.db.catalog.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Catalog rows come out of revisions 3, 4, 6 and 8 as REVISIONS.md says, every row kept, and
 * revision 3 refuses clearly when its settings are missing or malformed.
 */
class CatalogDataFidelityTest {

    private static final String[] TABLES = {"holding", "transaction", "tag", "file", "location", "checksum"};

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionThreeGivesEveryLocationTheUrlOfItsStore(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 2);
        insertCatalog(db, List.of("FILE", "DIRECTORY"));

        MigrationHarness.migrateTo(catalog, 3);

        assertThat(Rows.query(db, "SELECT storage_type, url_scheme, url_netloc FROM location ORDER BY id")).extracting(
                r -> r.get("storage_type") + " " + r.get("url_scheme") + " " + r.get("url_netloc")).containsExactly(
                        "OBJECT_STORAGE http nlds-tenancy.example.org", "TAPE root tape.example.org//eos/nlds",
                        "OBJECT_STORAGE http nlds-tenancy.example.org");
        assertThat(Rows.count(db, "location")).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionThreeRefusesWithoutTheTenancyItNeeds(Backend backend) throws Exception {
        assertRevisionThreeRefuses(backend, Map.of("nlds.migration.default-tape-url", "root://tape.example.org//eos/nlds"),
                "nlds.migration.default-tenancy is not set, but 2 OBJECT_STORAGE locations need it");
    }

    @Test
    void revisionThreeRefusesWithoutTheTapeUrlItNeeds() throws Exception {
        assertRevisionThreeRefuses(Backend.SQLITE, Map.of("nlds.migration.default-tenancy", "t.example.org"),
                "nlds.migration.default-tape-url is not set, but 1 TAPE locations need it");
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionThreeRefusesAMalformedTapeUrl(Backend backend) throws Exception {
        assertRevisionThreeRefuses(backend, Map.of("nlds.migration.default-tenancy", "t.example.org",
                "nlds.migration.default-tape-url", "http://tape.example.org/eos"),
                "nlds.migration.default-tape-url 'http://tape.example.org/eos' is malformed");
    }

    @Test
    void revisionThreeNeedsNoSettingsWhenThereAreNoLocations() throws Exception {
        TestDatabase db = TestDatabase.sqlite(folder.resolve("empty.db"));
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db, Map.of(), List.of());
        MigrationHarness.migrateToHead(catalog);
        assertThat(DatabaseMigrator.currentVersion(catalog)).isEqualTo(RevisionChain.head());
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionFourRefusesTwoLocationsOfOneStorageTypeForAFile(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 3);
        insertCatalog(db, List.of("FILE"));
        Rows.execute(db, "INSERT INTO location (id, storage_type, root, path, file_id, url_scheme, url_netloc)"
                + " VALUES (9, 'TAPE', 'r', 'p', 1, 'root', 'x')");
        String before = Rows.dump(db, TABLES);

        assertThatThrownBy(() -> MigrationHarness.migrateTo(catalog, 4)).isInstanceOf(FlywayException.class)
                .rootCause().hasMessageContaining("1 files have more than one location of the same storage type");
        assertThat(DatabaseMigrator.currentVersion(catalog)).isEqualTo(3);
        assertThat(Rows.dump(db, TABLES)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionSixMarksExistingAggregationsAsNotFailed(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 5);
        Rows.execute(db, "INSERT INTO aggregation (id, tarname, checksum, algorithm) VALUES (1, 'a.tar', 'c', 'md5')",
                "INSERT INTO aggregation (id, tarname) VALUES (2, 'b.tar')");
        MigrationHarness.migrateTo(catalog, 6);
        assertThat(Rows.query(db, "SELECT tarname, failed_fl FROM aggregation ORDER BY id"))
                .extracting(r -> r.get("tarname") + " " + asBoolean(r.get("failed_fl")))
                .containsExactly("a.tar false", "b.tar false");
    }

    /** 2023 label (or NULL) → revision 8 label. */
    private static final Map<String, String> PATH_TYPES_AT_8 = new HashMap<>(Map.of(
            "FILE", "FILE", "DIRECTORY", "DIRECTORY", "LINK_UNCLASSIFIED", "LINK", "LINK_COMMON_PATH", "LINK",
            "LINK_ABSOLUTE_PATH", "LINK", "NOT_RECOGNISED", "NOT_RECOGNISED"));

    static {
        PATH_TYPES_AT_8.put(null, "NOT_RECOGNISED");
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void revisionEightMapsThe2023PathTypesAndNull(Backend backend) throws Exception {
        List<String> labels = Arrays.asList("FILE", "DIRECTORY", "LINK_UNCLASSIFIED", "LINK_COMMON_PATH",
                "LINK_ABSOLUTE_PATH", "NOT_RECOGNISED", null);
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 7);
        insertCatalog(db, labels);

        MigrationHarness.migrateTo(catalog, 8);

        assertThat(Rows.column(db, "SELECT path_type FROM file ORDER BY id"))
                .containsExactlyElementsOf(labels.stream().map(PATH_TYPES_AT_8::get).toList());
        assertThat(Rows.count(db, "file")).isEqualTo(labels.size());
        assertThat(Rows.count(db, "checksum")).isEqualTo(labels.size());
    }

    /** Upstream created revision 1 with the 2025 labels after April 2025; revision 8 must pass on it. */
    @Test
    void revisionEightPassesAPostgresqlDatabaseCreatedWithThe2025PathTypes() throws Exception {
        TestDatabase db = postgres.create();
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 7);
        Rows.execute(db, "ALTER TYPE pathtype RENAME TO pathtype_2023",
                "CREATE TYPE pathtype AS ENUM ('FILE', 'DIRECTORY', 'LINK', 'NOT_RECOGNISED', 'UNINDEXED')",
                "ALTER TABLE file ALTER COLUMN path_type TYPE pathtype USING path_type::text::pathtype",
                "DROP TYPE pathtype_2023");
        List<String> labels = Arrays.asList("FILE", "DIRECTORY", "LINK", "NOT_RECOGNISED", "UNINDEXED", null);
        insertCatalog(db, labels);

        MigrationHarness.migrateTo(catalog, 8);

        assertThat(Rows.column(db, "SELECT path_type FROM file ORDER BY id"))
                .containsExactly("FILE", "DIRECTORY", "LINK", "NOT_RECOGNISED", "UNINDEXED", "NOT_RECOGNISED");
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void theFullChainKeepsEveryRowAndMapsEveryPathType(Backend backend) throws Exception {
        List<String> labels = Arrays.asList("FILE", "DIRECTORY", "LINK_UNCLASSIFIED", "LINK_COMMON_PATH",
                "LINK_ABSOLUTE_PATH", "NOT_RECOGNISED", null);
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateTo(catalog, 1);
        insertCatalog(db, labels);
        String holdings = Rows.dump(db, "holding", "transaction", "tag", "checksum");

        MigrationHarness.migrateToHead(catalog);

        assertThat(Rows.dump(db, "holding", "transaction", "tag", "checksum")).isEqualTo(holdings);
        assertThat(Rows.column(db, "SELECT path_type FROM file ORDER BY id"))
                .containsExactlyElementsOf(labels.stream().map(PATH_TYPES_AT_8::get).toList());
        assertThat(Rows.column(db, "SELECT url_scheme || ' ' || url_netloc FROM location ORDER BY id"))
                .hasSize(labels.size() + 1).allMatch(u -> u.equals("http nlds-tenancy.example.org")
                        || u.equals("root tape.example.org//eos/nlds"));
    }

    private void assertRevisionThreeRefuses(Backend backend, Map<String, String> settings, String message)
            throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db, settings, List.of());
        MigrationHarness.migrateTo(catalog, 2);
        insertCatalog(db, List.of("FILE", "DIRECTORY"));
        String before = Rows.dump(db, TABLES);

        assertThatThrownBy(() -> MigrationHarness.migrateTo(catalog, 3)).isInstanceOf(FlywayException.class)
                .rootCause().hasMessageContaining(message);

        assertThat(DatabaseMigrator.currentVersion(catalog)).isEqualTo(2);
        assertThat(Rows.dump(db, TABLES)).isEqualTo(before);
    }

    /**
     * One holding with a tag, one transaction, a file per path type (null for NULL), a checksum
     * per file, an object-store location per file and one tape location for the first file.
     */
    private static void insertCatalog(TestDatabase db, List<String> pathTypes) throws SQLException {
        boolean urls = !Rows.column(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '3'").get(0).equals("0");
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO holding (id, label, \"user\", \"group\") VALUES (1, 'h', 'alice', 'gws')");
        sql.add("INSERT INTO tag (id, \"key\", value, holding_id) VALUES (1, 'k', 'v', 1)");
        sql.add("INSERT INTO \"transaction\" (id, transaction_id, ingest_time, holding_id) VALUES (1, 'tx', '2023-06-01 10:00:00', 1)");
        int location = 0;
        for (int i = 0; i < pathTypes.size(); i++) {
            int id = i + 1;
            String type = pathTypes.get(i) == null ? "NULL" : "'" + pathTypes.get(i) + "'";
            sql.add("INSERT INTO file (id, transaction_id, original_path, path_type, size, \"user\", \"group\","
                    + " file_permissions) VALUES (" + id + ", 1, '/p/" + id + "', " + type + ", " + id * 100 + ", 1, 2, 420)");
            sql.add("INSERT INTO checksum (id, checksum, algorithm, file_id) VALUES (" + id + ", 'c" + id + "', 'md5', " + id + ")");
            sql.add(location(++location, "OBJECT_STORAGE", id, urls));
            if (i == 0) {
                sql.add(location(++location, "TAPE", id, urls));
            }
        }
        Rows.execute(db, sql.toArray(String[]::new));
    }

    private static String location(int id, String storage, int file, boolean urls) {
        return "INSERT INTO location (id, storage_type, root, path, access_time, file_id"
                + (urls ? ", url_scheme, url_netloc" : "") + ") VALUES (" + id + ", '" + storage + "', 'root', 'p" + id
                + "', '2023-07-01 10:00:00', " + file + (urls ? ", 'x', 'y'" : "") + ")";
    }

    private static boolean asBoolean(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }
}
