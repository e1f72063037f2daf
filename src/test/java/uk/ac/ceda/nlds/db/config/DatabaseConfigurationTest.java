package uk.ac.ceda.nlds.db.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import uk.ac.ceda.nlds.db.migration.FlywayHistory;

/** The two databases' beans leave room for the user, in Spring Boot's manner. */
class DatabaseConfigurationTest {

    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withUserConfiguration(DatabaseConfiguration.class).withPropertyValues(
                "nlds.db.catalog.url=jdbc:sqlite:" + folder.resolve("catalog.db"),
                "nlds.db.monitor.url=jdbc:sqlite:" + folder.resolve("monitor.db"));
    }

    @Test
    void hikariSettingsPassThroughPerDatabase() {
        runner().withPropertyValues("nlds.db.catalog.hikari.leak-detection-threshold=2500",
                "nlds.db.catalog.hikari.maximum-pool-size=7", "nlds.db.monitor.hikari.pool-name=monitor-pool")
                .run(context -> {
                    HikariDataSource catalog = context.getBean("catalogDataSource", HikariDataSource.class);
                    HikariDataSource monitor = context.getBean("monitorDataSource", HikariDataSource.class);
                    assertThat(catalog.getLeakDetectionThreshold()).isEqualTo(2500);
                    assertThat(catalog.getMaximumPoolSize()).isEqualTo(7);
                    assertThat(monitor.getLeakDetectionThreshold()).isZero();
                    assertThat(monitor.getMaximumPoolSize()).as("nlds.db.monitor.maximum-pool-size's default").isEqualTo(5);
                    assertThat(monitor.getPoolName()).isEqualTo("monitor-pool");
                });
    }

    @Test
    void aCustomizerAdjustsOneDatabasesFlywayButNotWhatTheEngineReliesOn() {
        runner().withUserConfiguration(CatalogLockRetries.class).run(context -> {
            Flyway catalog = context.getBean("catalogFlyway", Flyway.class);
            Flyway monitor = context.getBean("monitorFlyway", Flyway.class);
            assertThat(catalog.getConfiguration().getLockRetryCount()).isEqualTo(7);
            assertThat(catalog.getConfiguration().getInstalledBy()).isEqualTo("ops");
            assertThat(monitor.getConfiguration().getLockRetryCount()).as("the default: wait as long as it takes")
                    .isEqualTo(-1);
            assertThat(catalog.getConfiguration().getTable()).isEqualTo(FlywayHistory.TABLE);
            assertThat(catalog.getConfiguration().isBaselineOnMigrate()).isFalse();
            assertThat(catalog.getConfiguration().getPluginRegister()
                    .getExact(PostgreSQLConfigurationExtension.class).isTransactionalLock()).isFalse();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class CatalogLockRetries {
        @Bean
        DatabaseFlywayCustomizer catalogLockRetries() {
            return (database, configuration) -> {
                if (database == NldsDatabase.CATALOG) {
                    configuration.lockRetryCount(7).installedBy("ops").table("elsewhere").baselineOnMigrate(true)
                            .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "true"));
                }
            };
        }
    }
}
