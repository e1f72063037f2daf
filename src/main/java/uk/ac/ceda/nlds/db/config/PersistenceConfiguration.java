package uk.ac.ceda.nlds.db.config;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

import jakarta.persistence.EntityManagerFactory;

import uk.ac.ceda.nlds.db.migration.HibernateSettings;
import uk.ac.ceda.nlds.db.migration.model.EntityModel;

/**
 * One persistence unit per database over the service's current entities. They open no
 * connection while starting (no JDBC metadata access, no DDL), so they can be built before the
 * migrations run; the coordinator checks them against the migrated schema afterwards.
 */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    /** Spring Data repositories over the catalog's entities. */
    @Configuration(proxyBeanMethods = false)
    @EnableJpaRepositories(basePackages = "uk.ac.ceda.nlds.db.catalog",
            entityManagerFactoryRef = "catalogEntityManagerFactory", transactionManagerRef = "catalogTransactionManager")
    static class CatalogRepositories {
    }

    /** Spring Data repositories over the monitor's entities. */
    @Configuration(proxyBeanMethods = false)
    @EnableJpaRepositories(basePackages = "uk.ac.ceda.nlds.db.monitor",
            entityManagerFactoryRef = "monitorEntityManagerFactory", transactionManagerRef = "monitorTransactionManager")
    static class MonitorRepositories {
    }

    @Bean
    LocalContainerEntityManagerFactoryBean catalogEntityManagerFactory(DataSource catalogDataSource,
            DatabaseTargets targets) {
        return unit(NldsDatabase.CATALOG, catalogDataSource, targets.catalog());
    }

    @Bean
    LocalContainerEntityManagerFactoryBean monitorEntityManagerFactory(DataSource monitorDataSource,
            DatabaseTargets targets) {
        return unit(NldsDatabase.MONITOR, monitorDataSource, targets.monitor());
    }

    @Bean
    JpaTransactionManager catalogTransactionManager(EntityManagerFactory catalogEntityManagerFactory) {
        return new JpaTransactionManager(catalogEntityManagerFactory);
    }

    @Bean
    JpaTransactionManager monitorTransactionManager(EntityManagerFactory monitorEntityManagerFactory) {
        return new JpaTransactionManager(monitorEntityManagerFactory);
    }

    private static LocalContainerEntityManagerFactoryBean unit(NldsDatabase database, DataSource dataSource,
            DatabaseTarget target) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setPersistenceUnitName(database.id());
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(database.entityPackage());
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        Map<String, Object> settings = HibernateSettings.forBackend(target.backend());
        // the schema check reads the entity model from this unit's metadata instead of building it again
        Integrator recorder = EntityModel.recorder(target.backend(), database.entityPackage());
        settings.put(JpaSettings.INTEGRATOR_PROVIDER, (IntegratorProvider) () -> List.of(recorder));
        factory.setJpaPropertyMap(settings);
        return factory;
    }
}
