package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import uk.ac.ceda.nlds.db.NldsDbApplication;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.runtime.MigrationStatusBoard;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** The application context: two Flyway beans, Spring Boot's own Flyway start-up backed off, both databases at head. */
class MigrationCoordinatorTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @Test
    void bringsAPostgresqlCatalogAndASqliteMonitorConfiguredThroughEnvironmentVariablesToHead() {
        TestDatabase catalog = postgres.create();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                "NLDS_DB_CATALOG_URL", catalog.url(),
                "NLDS_DB_MONITOR_URL", "jdbc:sqlite:" + folder.resolve("monitor.db"))));
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "nlds.migration.default-tenancy", "t.example.org")));

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NldsDbApplication.class)
                .web(WebApplicationType.NONE).environment(environment).run()) {
            assertThat(context.getBeansOfType(Flyway.class)).containsOnlyKeys("catalogFlyway", "monitorFlyway");
            assertThat(context.getBeanNamesForType(
                    org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer.class)).isEmpty();
            assertThat(context.getBean(MigrationCoordinator.class).outcomes())
                    .extracting(MigrationOutcome::describe).containsExactly(
                            "catalog: V0 (empty) -> " + RevisionChain.headLabel() + " (" + RevisionChain.head()
                                    + " revisions applied)",
                            "monitor: V0 (empty) -> " + RevisionChain.headLabel() + " (" + RevisionChain.head()
                                    + " revisions applied)");
            // the plan made before migrating, on /actuator/migrations beside the progress
            Map<String, Object> migrations = context.getBean(MigrationStatusBoard.class).describe();
            assertThat(estimate(migrations, "catalog")).containsEntry("secondsLeft", 0.0)
                    .hasEntrySatisfying("summary", summary -> assertThat((String) summary)
                            .startsWith("catalog: " + RevisionChain.head() + " revisions, 0 rows to rewrite, "));
            assertThat(estimate(migrations, "monitor").get("summary")).asString()
                    .startsWith("monitor: " + RevisionChain.head() + " revisions");
            // the configured databases, not the default files (whatever the working folder holds)
            assertThat(context.getBean(DatabaseTargets.class).all()).extracting(DatabaseTarget::url)
                    .containsExactly(catalog.url(), "jdbc:sqlite:" + folder.resolve("monitor.db"));
        }
        assertThat(folder.resolve("monitor.db")).exists();
    }

    @Test
    void theSettingsThePendingRevisionsNeedAreNamedAllAtOnceBeforeAnyRevisionRuns() throws Exception {
        // an Alembic-managed pair at revision 1 with object-store and tape locations, neither setting given
        TestDatabase catalog = Fixtures.load("sqlite-upstream-base", NldsDatabase.CATALOG, postgres, folder);
        TestDatabase monitor = Fixtures.load("sqlite-upstream-base", NldsDatabase.MONITOR, postgres, folder);
        String before = snapshot(catalog) + snapshot(monitor);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "nlds.db.catalog.url", catalog.url(), "nlds.db.monitor.url", monitor.url())));

        assertThatThrownBy(() -> new SpringApplicationBuilder(NldsDbApplication.class)
                .web(WebApplicationType.NONE).environment(environment).run().close())
                .satisfies(failure -> {
                    assertThat(StartupErrors.exitCode(failure)).isEqualTo(ExitCode.INVALID_INPUT);
                    assertThat(StartupErrors.oneLine(failure)).startsWith("settings the pending revisions need are"
                            + " not set, nothing was migrated: catalog V3 (ee82dd99bfc0): nlds.migration.default-tenancy"
                            + " is not set, but 50 OBJECT_STORAGE locations need it")
                            .contains("; nlds.migration.default-tape-url is not set, but 16 TAPE locations need it");
                });
        assertThat(snapshot(catalog) + snapshot(monitor)).isEqualTo(before);
    }

    /** Every table and its rows: a refused start leaves them exactly so (no adoption, no history table). */
    private static String snapshot(TestDatabase db) throws Exception {
        var schema = Fixtures.inspect(db);
        return schema + "\n" + Rows.digest(db, schema.tables().keySet().toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> estimate(Map<String, Object> migrations, String database) {
        return (Map<String, Object>) ((Map<String, Object>) migrations.get(database)).get("estimate");
    }
}
