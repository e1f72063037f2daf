package uk.ac.ceda.nlds.db.migration.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import uk.ac.ceda.nlds.db.migration.Backend;
import uk.ac.ceda.nlds.db.migration.HibernateSettings;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

class EntityModelTest {

    private static final String CATALOG_ENTITIES = "uk.ac.ceda.nlds.db.catalog.entity";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPersistenceUnitRecordsTheSameModelAsReadingTheClasses(Backend backend) {
        // a key of its own: the package name only names the model, the classes come from the unit
        String key = "recorded.by.a.unit." + backend;
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(new BootstrapServiceRegistryBuilder()
                .applyIntegrator(EntityModel.recorder(backend, key)).build())
                .applySettings(HibernateSettings.forBackend(backend)).build();
        MetadataSources sources = new MetadataSources(registry);
        EntityModel.entitiesIn(CATALOG_ENTITIES).forEach(sources::addAnnotatedClass);
        try (SessionFactory unit = sources.buildMetadata().buildSessionFactory()) {
            DatabaseSchema fromClasses = EntityModel.read(backend, EntityModel.entitiesIn(CATALOG_ENTITIES));

            assertThat(fromClasses.tables()).containsKeys("holding", "file", "location");
            assertThat(EntityModel.of(backend, key)).isEqualTo(fromClasses);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    @Test
    void findsTheEntitiesWhateverTheThreadsContextLoaderSees() throws Exception {
        // a pool thread under Spring Boot's PropertiesLauncher has a context loader that sees none of the application
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(blind);
            assertThat(EntityModel.entitiesIn("uk.ac.ceda.nlds.db.catalog.entity")).extracting(Class::getSimpleName)
                    .contains("Holding", "File", "Location");
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
