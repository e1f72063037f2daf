package uk.ac.ceda.nlds.db.migration.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * The fixture databases made by the original Alembic chain are adopted at their revision and
 * brought to head with every row kept, labels mapped, and {@code alembic_version} kept in step.
 */
class AlembicAdoptionTest {

    private static final String HEAD = RevisionChain.headAlembicId();
    private static final String[] CATALOG_TABLES = Fixtures.CATALOG_TABLES;
    private static final String[] MONITOR_TABLES = Fixtures.MONITOR_TABLES;

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite-upstream-base", "sqlite-upstream-rev6", "pg-2023-base", "pg-2023-head",
            "pg-2025-base", "pg-2025-stuck-rev4"})
    void everyFixtureIsAdoptedAndReachesHeadWithEveryRow(String fixture) throws Exception {
        for (NldsDatabase database : NldsDatabase.values()) {
            TestDatabase db = load(fixture, database);
            String[] tables = database == NldsDatabase.CATALOG ? CATALOG_TABLES : MONITOR_TABLES;
            Map<String, Long> counts = counts(db, tables);
            ManagedDatabase managed = MigrationHarness.managed(database, db);

            DatabaseMigrator.migrate(managed);

            assertThat(DatabaseMigrator.currentVersion(managed)).as(fixture + " " + database.id()).isEqualTo(RevisionChain.head());
            assertThat(counts(db, tables)).as("rows of " + fixture + " " + database.id()).isEqualTo(counts);
            assertThat(Rows.column(db, "SELECT version_num FROM alembic_version")).containsExactly(HEAD);
            assertThat(schemaDifferencesFromFresh(db, database)).as(fixture + " " + database.id()).isEmpty();

            String after = Rows.dump(db, tables);
            assertThat(DatabaseMigrator.migrate(managed).revisionsApplied()).as("rerun").isZero();
            assertThat(Rows.dump(db, tables)).isEqualTo(after);
        }
    }

    @Test
    void sqliteLeftoversOfUpstreamsRevisionFiveAreMappedThroughTheChain() throws Exception {
        TestDatabase monitor = load("sqlite-upstream-rev6", NldsDatabase.MONITOR);
        Map<String, String> before = states(monitor);

        DatabaseMigrator.migrate(MigrationHarness.managed(NldsDatabase.MONITOR, monitor));

        Map<String, String> after = states(monitor);
        before.forEach((subId, state) -> {
            String expected = switch (state) {
                case "CATALOG_BACKUP" -> "TRANSFER_INIT";
                case "CATALOG_RESTORING", "CATALOG_UPDATING" -> "CATALOG_ARCHIVE_UPDATING";
                case "CATALOG_ROLLBACK" -> "CATALOG_REMOVING";
                default -> state;
            };
            assertThat(after.get(subId)).as(subId + " was " + state).isEqualTo(expected);
        });
        assertThat(before.values()).contains("CATALOG_BACKUP", "CATALOG_RESTORING", "CATALOG_UPDATING");
    }

    @Test
    void locationsOfAPostgresqlDatabaseAdoptedAtRevisionOneGetTheirUrls() throws Exception {
        TestDatabase catalog = load("pg-2023-base", NldsDatabase.CATALOG);
        DatabaseMigrator.migrate(MigrationHarness.managed(NldsDatabase.CATALOG, catalog));
        assertThat(Rows.column(catalog, "SELECT DISTINCT storage_type || ' ' || url_scheme || ' ' || url_netloc"
                + " FROM location ORDER BY 1")).containsExactly("OBJECT_STORAGE http nlds-tenancy.example.org",
                        "TAPE root tape.example.org//eos/nlds");
        assertThat(Rows.column(catalog, "SELECT DISTINCT path_type FROM file ORDER BY 1"))
                .containsExactly("FILE", "DIRECTORY", "LINK", "NOT_RECOGNISED");
    }

    @Test
    void anUnknownAlembicIdIsRefusedAndNothingChanges() throws Exception {
        TestDatabase monitor = load("sqlite-upstream-base", NldsDatabase.MONITOR);
        Rows.execute(monitor, "UPDATE alembic_version SET version_num = 'deadbeef0000'");
        assertRefusedUnchanged(monitor, "alembic_version holds 'deadbeef0000', which is not an NLDS revision");
    }

    @Test
    void severalAlembicVersionRowsAreRefusedAndNothingChanges() throws Exception {
        TestDatabase monitor = load("sqlite-upstream-base", NldsDatabase.MONITOR);
        Rows.execute(monitor, "INSERT INTO alembic_version VALUES ('bf09ce0d6899')");
        assertRefusedUnchanged(monitor, "alembic_version holds 2 rows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite-upstream-rev6", "pg-2023-base", "pg-2023-head"})
    void aCatalogWithoutAnyHistoryIsIdentifiedByItsSchemaAndReachesHead(String fixture) throws Exception {
        TestDatabase catalog = load(fixture, NldsDatabase.CATALOG);
        Rows.execute(catalog, "DROP TABLE alembic_version");
        Map<String, Long> counts = counts(catalog, CATALOG_TABLES);
        ManagedDatabase managed = MigrationHarness.managed(NldsDatabase.CATALOG, catalog);

        String before = DatabaseMigrator.migrate(managed).before();

        // catalog revisions 5 and 7 change nothing, so a revision-6 schema is taken as 7, and a 2023 base as 1
        assertThat(before).isEqualTo(switch (fixture) {
            case "sqlite-upstream-rev6" -> "V7 (c7648694325f)";
            case "pg-2023-base" -> "V1 (991b6f8cf6be)";
            default -> RevisionChain.label(RevisionChain.LAST_ALEMBIC_REVISION); // the 2023 head fixture
        });
        assertThat(Rows.column(catalog, "SELECT description FROM flyway_schema_history WHERE type = 'BASELINE'"))
                .singleElement().asString().startsWith("Identified by schema as ");
        assertThat(DatabaseMigrator.currentVersion(managed)).isEqualTo(RevisionChain.head());
        assertThat(counts(catalog, CATALOG_TABLES)).isEqualTo(counts);
        assertThat(schemaDifferencesFromFresh(catalog, NldsDatabase.CATALOG)).isEmpty();
    }

    @Test
    void aSqliteMonitorWithoutHistoryMatchesRevisionsThatDifferOnlyInLabelsAndIsRefused() throws Exception {
        TestDatabase monitor = load("sqlite-upstream-rev6", NldsDatabase.MONITOR);
        Rows.execute(monitor, "DROP TABLE alembic_version");
        String before = Rows.dump(monitor, MONITOR_TABLES);

        assertThatThrownBy(() -> DatabaseMigrator.migrate(MigrationHarness.managed(NldsDatabase.MONITOR, monitor)))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("the database has tables but no history, and its schema matches V")
                .hasMessageContaining("record the right one with: stamp VERSION --yes --db=monitor, nothing was changed");
        assertThat(Rows.dump(monitor, MONITOR_TABLES)).isEqualTo(before);
        assertThat(Rows.column(monitor, "SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'")).isEmpty();
    }

    @Test
    void aSchemaThatMatchesNoRevisionIsRefusedWithTheDifferencesFromTheNearest() throws Exception {
        TestDatabase catalog = load("pg-2023-head", NldsDatabase.CATALOG);
        Rows.execute(catalog, "DROP TABLE alembic_version", "ALTER TABLE checksum DROP COLUMN algorithm",
                "CREATE INDEX ix_extra ON holding (\"group\")");
        String before = Rows.dump(catalog, CATALOG_TABLES);

        assertThatThrownBy(() -> DatabaseMigrator.migrate(MigrationHarness.managed(NldsDatabase.CATALOG, catalog)))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("its schema matches no revision; the nearest is " + RevisionChain.headLabel() + " with")
                .hasMessageContaining("checksum: column algorithm is missing")
                .hasMessageContaining("holding: index ix_extra")
                .hasMessageEndingWith("restore alembic_version or repair the schema, nothing was changed");
        assertThat(Rows.dump(catalog, CATALOG_TABLES)).isEqualTo(before);
        assertThat(Rows.column(catalog, "SELECT to_regclass('flyway_schema_history')::text")).containsOnlyNulls();
    }

    private void assertRefusedUnchanged(TestDatabase monitor, String message) throws Exception {
        String before = Rows.dump(monitor, MONITOR_TABLES) + Rows.dump(monitor, "alembic_version");
        ManagedDatabase managed = MigrationHarness.managed(NldsDatabase.MONITOR, monitor);

        assertThatThrownBy(() -> DatabaseMigrator.migrate(managed)).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("monitor: ").hasMessageContaining(message);

        assertThat(Rows.dump(monitor, MONITOR_TABLES) + Rows.dump(monitor, "alembic_version")).isEqualTo(before);
        assertThat(Rows.column(monitor, "SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'")).isEmpty();
    }

    private TestDatabase load(String fixture, NldsDatabase database) throws Exception {
        return Fixtures.load(fixture, database, postgres, folder);
    }

    private List<?> schemaDifferencesFromFresh(TestDatabase adopted, NldsDatabase database) throws Exception {
        return Fixtures.differencesFromFresh(adopted, database, RevisionChain.head(), postgres, folder);
    }

    private static Map<String, Long> counts(TestDatabase db, String... tables) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, Rows.count(db, table));
        }
        return counts;
    }

    private static Map<String, String> states(TestDatabase monitor) throws Exception {
        Map<String, String> states = new LinkedHashMap<>();
        for (Map<String, Object> row : Rows.query(monitor, "SELECT sub_id, state FROM sub_record ORDER BY id")) {
            states.put(row.get("sub_id").toString(), row.get("state").toString());
        }
        return states;
    }
}
