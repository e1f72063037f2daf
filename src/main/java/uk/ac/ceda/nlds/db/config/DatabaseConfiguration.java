package uk.ac.ceda.nlds.db.config;

import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.progress.ProgressObserver;
import uk.ac.ceda.nlds.db.migration.progress.ProgressOutput;

/**
 * The catalog and monitor databases: a service pool, a migration DataSource and a Flyway instance
 * each. Defining the Flyway beans here makes Spring Boot's single-DataSource Flyway
 * auto-configuration back off; {@code /actuator/flyway} reports both beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NldsDbProperties.class)
public class DatabaseConfiguration {

    /** Test-only and extension revisions can live in further packages, comma-separated per database. */
    static final String EXTRA_PACKAGES = "nlds.migration.extra-packages.";
    /** auto (bars in a terminal, log lines otherwise), bar or log. */
    static final String PROGRESS = "nlds.migration.progress";

    @Bean
    DatabaseWait databaseWait(NldsDbProperties properties) {
        return new DatabaseWait(properties.getStartupWait());
    }

    @Bean
    DatabaseTargets databaseTargets(NldsDbProperties properties) {
        return DatabaseTargets.resolve(properties);
    }

    /** What the revisions report to: the output (bars or log lines) and every {@link ProgressObserver}. */
    @Bean
    @Primary
    ProgressListener migrationProgressListener(Environment environment, ObjectProvider<ProgressObserver> observers) {
        List<ProgressListener> listeners = new java.util.ArrayList<>();
        listeners.add(ProgressOutput.fromSetting(environment.getProperty(PROGRESS)).listener());
        observers.orderedStream().forEach(listeners::add);
        return ProgressListener.of(listeners.toArray(ProgressListener[]::new));
    }

    @Bean
    ManagedDatabase catalogDatabase(DatabaseTargets targets, NldsDbProperties properties, Environment environment,
            ProgressListener progress, ObjectProvider<DatabaseFlywayCustomizer> customizers) {
        return managed(targets.catalog(), properties, environment, progress, customizers);
    }

    @Bean
    ManagedDatabase monitorDatabase(DatabaseTargets targets, NldsDbProperties properties, Environment environment,
            ProgressListener progress, ObjectProvider<DatabaseFlywayCustomizer> customizers) {
        return managed(targets.monitor(), properties, environment, progress, customizers);
    }

    /** Lazy like the database's own: made when {@code /actuator/flyway} first asks, not at every start. */
    @Bean
    @Lazy
    Flyway catalogFlyway(ManagedDatabase catalogDatabase) {
        return catalogDatabase.flyway();
    }

    @Bean
    @Lazy
    Flyway monitorFlyway(ManagedDatabase monitorDatabase) {
        return monitorDatabase.flyway();
    }

    /** Every HikariCP setting passes through under {@code nlds.db.catalog.hikari.*}, as Spring Boot's {@code spring.datasource.hikari.*}. */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("nlds.db.catalog.hikari")
    HikariDataSource catalogDataSource(DatabaseTargets targets, NldsDbProperties properties) {
        return DataSourceFactory.servicePool(targets.catalog(), properties.getCatalog(), properties.getSqliteBusyTimeout());
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("nlds.db.monitor.hikari")
    HikariDataSource monitorDataSource(DatabaseTargets targets, NldsDbProperties properties) {
        return DataSourceFactory.servicePool(targets.monitor(), properties.getMonitor(), properties.getSqliteBusyTimeout());
    }

    /** The database's migration packages beyond its own, from {@code nlds.migration.extra-packages.<database>}. */
    public static List<String> extraPackages(Environment environment, NldsDatabase database) {
        return List.of(environment.getProperty(EXTRA_PACKAGES + database.id(), String[].class, new String[0]));
    }

    private static ManagedDatabase managed(DatabaseTarget target, NldsDbProperties properties, Environment environment,
            ProgressListener progress, ObjectProvider<DatabaseFlywayCustomizer> customizers) {
        DataSource migrationDataSource = DataSourceFactory.migrationDataSource(target, properties.getSqliteBusyTimeout(),
                LockPolicy.from(environment::getProperty));
        return ManagedDatabase.create(target, migrationDataSource, environment::getProperty, progress,
                extraPackages(environment, target.database()),
                configuration -> customizers.orderedStream().forEach(c -> c.customize(target.database(), configuration)));
    }
}
