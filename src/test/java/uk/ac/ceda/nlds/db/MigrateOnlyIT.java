package uk.ac.ceda.nlds.db;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.JarProcess;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.NldsReference;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** {@code java -jar nlds-db.jar --migrate-only} as operators and containers run it. */
class MigrateOnlyIT {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    /**
     * What the Python service checks before it runs {@code alembic upgrade head}: without the table
     * it would start again at the first revision and fail on the existing tables.
     */
    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aPairCreatedFromEmptyCarriesAlembicVersionAtHeadForThePythonService(Backend backend) throws Exception {
        DatabasePair pair = DatabasePair.fresh(backend, postgres, folder.resolve("pair"));

        JarProcess.Result result = JarProcess.run(folder, pair.environment(), "--migrate-only");

        assertThat(result.exitCode()).as(result.output()).isZero();
        for (NldsDatabase database : NldsDatabase.values()) {
            TestDatabase db = database == NldsDatabase.CATALOG ? pair.catalog() : pair.monitor();
            assertThat(Rows.column(db, "SELECT version_num FROM alembic_version")).as(database.id())
                    .containsExactly(MigrationHarness.managed(database, db).revisions().head().alembicId());
        }
    }

    @Test
    void migratesTheSqliteDefaultInAFreshFolderAndARerunIsANoOp() throws Exception {
        // java -jar on the jar as packaged (the other process tests start it unpacked, with an AOT cache)
        JarProcess.Result first = JarProcess.runPackagedJar(folder, Map.of(), "--migrate-only");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.stdout()).contains("catalog: V0 (empty) -> " + RevisionChain.headLabel() + " (" + RevisionChain.head() + " revisions applied)")
                .contains("monitor: V0 (empty) -> " + RevisionChain.headLabel() + " (" + RevisionChain.head() + " revisions applied)");
        for (NldsDatabase database : NldsDatabase.values()) {
            TestDatabase db = TestDatabase.sqlite(folder.resolve("data/" + database.id() + ".db"));
            assertThat(DatabaseMigrator.currentVersion(MigrationHarness.managed(database, db))).isEqualTo(RevisionChain.head());
        }

        JarProcess.Result rerun = JarProcess.runPackagedJar(folder, Map.of(), "--migrate-only");
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        assertThat(rerun.stdout()).contains("catalog: at " + RevisionChain.headLabel() + ", already at head")
                .contains("monitor: at " + RevisionChain.headLabel() + ", already at head");
    }

    @Test
    void migratesPostgresqlDatabasesNamedByEnvironmentVariables() throws Exception {
        TestDatabase catalog = postgres.create();
        TestDatabase monitor = postgres.create();

        JarProcess.Result result = JarProcess.run(folder, Map.of("NLDS_DB_CATALOG_URL", catalog.url(),
                "NLDS_DB_MONITOR_URL", monitor.url()), "--migrate-only");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("catalog: V0 (empty) -> V" + RevisionChain.head())
                .contains("monitor: V0 (empty) -> V" + RevisionChain.head());
        assertThat(Rows.column(catalog, "SELECT MAX(version::int) FROM flyway_schema_history")).containsExactly(String.valueOf(RevisionChain.head()));
        assertThat(folder.resolve("data")).doesNotExist();
    }

    @Test
    void adoptsAnAlembicManagedSqlitePairAtRevisionSix() throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        for (NldsDatabase database : NldsDatabase.values()) {
            Files.copy(NldsReference.root().resolve("fixtures/sqlite-upstream-rev6/" + database.id() + ".db"),
                    data.resolve(database.id() + ".db"));
        }

        JarProcess.Result result = JarProcess.run(folder, Map.of(), "--migrate-only");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("catalog: V6 (f1f20ae58def) -> " + RevisionChain.headLabel() + " (" + (RevisionChain.head() - 6) + " revisions applied)")
                .contains("monitor: V6 (f1f20ae58def) -> " + RevisionChain.headLabel() + " (" + (RevisionChain.head() - 6) + " revisions applied)");
        TestDatabase monitor = TestDatabase.sqlite(data.resolve("monitor.db"));
        assertThat(Rows.column(monitor, "SELECT version_num FROM alembic_version")).containsExactly(RevisionChain.headAlembicId());
        assertThat(Rows.column(monitor, "SELECT COUNT(*) FROM sub_record WHERE state = 'TRANSFER_INIT'")).containsExactly("1");
    }

    @Test
    void missingSettingsAreNamedBeforeAnyRevisionAndAFailingRevisionLeavesACompleteRevision() throws Exception {
        TestDatabase catalog = TestDatabase.sqlite(folder.resolve("data/catalog.db"));
        folder.resolve("data").toFile().mkdirs();
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, catalog), 2);
        Rows.execute(catalog, "INSERT INTO holding (id, label, \"user\", \"group\") VALUES (1, 'h', 'u', 'g')",
                "INSERT INTO \"transaction\" (id, transaction_id, holding_id) VALUES (1, 't', 1)",
                "INSERT INTO file (id, transaction_id) VALUES (1, 1)",
                "INSERT INTO location (id, storage_type, root, path, file_id) VALUES (1, 'OBJECT_STORAGE', 'r', 'p', 1)",
                "INSERT INTO location (id, storage_type, root, path, file_id) VALUES (2, 'TAPE', 'r', 'p', 1)");

        // the plan names both settings before any revision runs, in either database
        JarProcess.Result refused = JarProcess.run(folder, Map.of(), "--migrate-only");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(refused.stderr().lines().toList()).singleElement().asString().startsWith("nlds-db: settings the"
                + " pending revisions need are not set, nothing was migrated: catalog V3 (ee82dd99bfc0):"
                + " nlds.migration.default-tenancy is not set, but 1 OBJECT_STORAGE locations need it")
                .contains("; nlds.migration.default-tape-url is not set, but 1 TAPE locations need it");
        TestDatabase monitor = TestDatabase.sqlite(folder.resolve("data/monitor.db"));
        assertThat(Fixtures.inspect(monitor).tables()).isEmpty();

        // without the plan, revision 3 refuses by itself, at the first setting it misses
        JarProcess.Result result = JarProcess.run(folder,
                Map.of("NLDS_MIGRATION_PLANFIRST", "false", "NLDS_MIGRATION_DEFAULTTAPEURL",
                        "root://tape.example.org//eos/nlds"), "--migrate-only");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.stderr()).contains("nlds-db: catalog: revision V3 (ee82dd99bfc0) failed, the database is at"
                + " V2 (bf09ce0d6899): nlds.migration.default-tenancy is not set, but 1 OBJECT_STORAGE locations need it");
        assertThat(DatabaseMigrator.currentVersion(MigrationHarness.managed(NldsDatabase.CATALOG, catalog))).isEqualTo(2);
        assertThat(Rows.count(catalog, "location")).isEqualTo(2);

        JarProcess.Result fixed = JarProcess.run(folder, Map.of("NLDS_MIGRATION_DEFAULTTENANCY",
                "nlds-tenancy.example.org", "NLDS_MIGRATION_DEFAULTTAPEURL", "root://tape.example.org//eos/nlds"),
                "--migrate-only");
        assertThat(fixed.exitCode()).as(fixed.output()).isZero();
        assertThat(fixed.stdout()).contains("catalog: V2 (bf09ce0d6899) -> " + RevisionChain.headLabel() + " (" + (RevisionChain.head() - 2) + " revisions applied)");
        assertThat(Rows.column(catalog, "SELECT url_netloc FROM location ORDER BY id"))
                .containsExactly("nlds-tenancy.example.org", "tape.example.org//eos/nlds");
    }

    @Test
    void anUnreachableDatabaseIsRetriedWithBackoffThenNamed() throws Exception {
        JarProcess.Result result = JarProcess.run(folder, Map.of("NLDS_DB_CATALOG_URL",
                "jdbc:postgresql://127.0.0.1:1/catalog?user=nlds&password=hidden", "NLDS_DB_STARTUPWAIT", "3s"),
                "--migrate-only");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        result.oneLineFailure(); // the retries are logged, the failure itself is one line (OneLineFailureIT's other modes)
        assertThat(result.output()).contains("catalog: not reachable yet (attempt 1), retrying in 500 ms")
                .contains("catalog: not reachable yet (attempt 2), retrying in 1000 ms").doesNotContain("hidden");
        assertThat(result.stderr()).containsPattern("nlds-db: catalog: cannot connect to jdbc:postgresql://127.0.0.1:1/"
                + "catalog\\?user=nlds&password=\\*+: .*; check nlds.db.catalog.url, the credentials and that the server"
                + " is running \\(gave up after \\d attempts in 3 s; nlds.db.startup-wait sets how long\\)");
        assertThat(folder.resolve("data/monitor.db")).as("the monitor waits behind the catalog").doesNotExist();
    }
}
