package uk.ac.ceda.nlds.db.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.ServiceProcess;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** The service as Kubernetes runs it: gated while migrating, visible, safe with replicas, failing loudly. */
class ServiceRuntimeIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String SECRET = "s3cret-pw";

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @Test
    void trafficIsRefusedWhileMigratingAndServedFromTheMigratedSchemaAfter() throws Exception {
        TestDatabase monitor = postgres.create();
        Path signal = folder.resolve("signal");
        Map<String, String> environment = Map.of("NLDS_DB_MONITOR_URL", monitor.url() + "&password=" + SECRET);
        try (ServiceProcess service = ServiceProcess.start(folder, environment,
                "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.runtime.slow.migration",
                // the plan rehearses each pending revision's data step, and this one waits for the signal
                "--nlds.migration.plan-first=false",
                "--nlds.test.signal-file=" + signal)) {

            ServiceProcess.Response migrating = service.await("/actuator/migrations",
                    r -> r.body().contains("waiting for the test's signal"), STARTUP);
            assertThat(migrating.body()).contains("\"state\":\"MIGRATING\"").contains("\"revision\":\"V10 (0000000000aa)\"")
                    .contains("\"rowsDone\":40").contains("\"rowsTotal\":100").contains("password=******")
                    .doesNotContain(SECRET);
            assertThat(service.get("/actuator/health/liveness").body()).contains("\"UP\"");
            ServiceProcess.Response readiness = service.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("OUT_OF_SERVICE");
            ServiceProcess.Response gated = service.get("/api/holdings?user=alice");
            assertThat(gated.status()).isEqualTo(503);
            assertThat(gated.body()).contains("the databases are migrating").contains("\"catalog\":\"MIGRATING\"");

            Files.createFile(signal);

            service.await("/actuator/health/readiness", r -> r.status() == 200, STARTUP);
            TestDatabase catalog = TestDatabase.sqlite(folder.resolve("data/catalog.db"));
            Rows.execute(catalog, "INSERT INTO holding (id, label, \"user\", \"group\") VALUES (1, 'obs', 'alice', 'gws')",
                    "INSERT INTO tag (id, \"key\", value, holding_id) VALUES (1, 'project', 'p1', 1)");
            Rows.execute(monitor, "INSERT INTO transaction_record (id, transaction_id, \"user\", \"group\", api_action)"
                    + " VALUES (1, 'tx-1', 'alice', 'gws', 'put')",
                    "INSERT INTO sub_record (id, sub_id, state, retry_count, last_updated, transaction_record_id) VALUES"
                            + " (1, 's1', 'COMPLETE', 0, now(), 1), (2, 's2', 'CATALOG_PUTTING', 0, now(), 1)");

            assertThat(service.get("/api/holdings?user=alice").body())
                    .isEqualTo("[{\"id\":1,\"label\":\"obs\",\"user\":\"alice\",\"group\":\"gws\",\"tags\":{\"project\":\"p1\"}}]");
            assertThat(service.get("/api/transactions/tx-1/state").body()).contains("\"state\":\"CATALOG_PUTTING\"");
            assertThat(service.get("/api/transactions/tx-2/state").status()).isEqualTo(404);

            String status = service.get("/actuator/migrations").body();
            assertThat(status).contains("\"state\":\"UP_TO_DATE\"").doesNotContain("MIGRATING")
                    .contains("\"version\":10").contains("\"lastError\":null").doesNotContain(SECRET);
            assertThat(service.get("/actuator/metrics/nlds.migration.revision.duration").status()).isEqualTo(200);
            assertThat(service.get("/actuator/flyway").body()).contains("catalogFlyway").contains("monitorFlyway");
            assertThat(service.getOnApiPort("/actuator/flyway").status()).as("the actuator is on the management port only")
                    .isEqualTo(404);
            assertThat(service.getOnApiPort("/migrations").status()).isEqualTo(404);
            assertThat(service.log()).doesNotContain(SECRET);
        }
    }

    @Test
    void aFailingRevisionStopsTheStartWithDatabaseRevisionAndCause() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(folder, Map.of(),
                "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.runtime.failing.migration")) {
            assertThat(service.awaitExit(STARTUP)).isNotZero();
            assertThat(service.log()).contains("nlds-db: catalog: revision V10 (0000000000bb) failed, the database is at"
                    + " " + RevisionChain.headLabel() + ": test revision failed after changing the schema");
        }
        TestDatabase catalog = TestDatabase.sqlite(folder.resolve("data/catalog.db"));
        assertThat(Rows.column(catalog, "SELECT COUNT(*) FROM pragma_table_info('holding') WHERE name = 'half_done'"))
                .containsExactly("0");
    }

    @Test
    void withoutFailFastAFailedMigrationKeepsTheServiceUpButNeverReady() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(folder, Map.of(), "--nlds.migration.fail-fast=false",
                "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.runtime.failing.migration")) {
            ServiceProcess.Response status = service.await("/actuator/migrations",
                    r -> r.body().contains("\"state\":\"FAILED\""), STARTUP);
            assertThat(status.body()).contains("test revision failed after changing the schema");
            ServiceProcess.Response readiness = service.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");
            assertThat(service.get("/actuator/health/liveness").body()).contains("\"UP\"");
            assertThat(service.get("/api/holdings?user=alice").body()).contains("a database migration failed");
            assertThat(service.isAlive()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void fourReplicasStartingTogetherApplyEachRevisionOnce(Backend backend) throws Exception {
        Map<String, String> environment = new HashMap<>();
        TestDatabase catalog;
        TestDatabase monitor;
        if (backend == Backend.POSTGRESQL) {
            catalog = postgres.create();
            monitor = postgres.create();
            environment.put("NLDS_DB_CATALOG_URL", catalog.url());
            environment.put("NLDS_DB_MONITOR_URL", monitor.url());
        } else {
            catalog = TestDatabase.sqlite(folder.resolve("data/catalog.db"));
            monitor = TestDatabase.sqlite(folder.resolve("data/monitor.db"));
        }
        List<ServiceProcess> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                replicas.add(ServiceProcess.start(folder, environment));
            }
            for (ServiceProcess replica : replicas) {
                // a bound against a hang, not a speed target: four JVMs on two loaded cores take long
                replica.await("/actuator/health/readiness", r -> r.status() == 200, Duration.ofMinutes(10));
                assertThat(replica.log()).as("a replica that waited for another's migration").doesNotContain(" ERROR ");
            }
        } finally {
            for (ServiceProcess replica : replicas) {
                replica.close();
            }
        }
        for (TestDatabase db : List.of(catalog, monitor)) {
            assertThat(Rows.column(db, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, RevisionChain.head()).mapToObj(String::valueOf).toList());
        }
    }
}
