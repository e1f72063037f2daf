package uk.ac.ceda.nlds.db.migration.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.InstanceOfAssertFactories;

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

import uk.ac.ceda.nlds.db.migration.HibernateSettings;
import uk.ac.ceda.nlds.db.migration.core.Backend;
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

    /**
     * On Java 19+ a common-pool thread's context loader is the system loader, which cannot see the
     * classes in Spring Boot's nested jar: the one-shot read the entity model on such a thread and
     * found no entity (issue 19). A context loader that sees nothing stands in for it here.
     */
    @Test
    void findsTheEntitiesWhateverTheCallingThreadsContextLoaderSees() throws Exception {
        ClassLoader seesNothing = new URLClassLoader(new URL[0], null);
        AtomicReference<Object> found = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                found.set(EntityModel.entitiesIn(CATALOG_ENTITIES));
            } catch (RuntimeException e) {
                found.set(e);
            }
        });
        reader.setContextClassLoader(seesNothing);
        reader.start();
        reader.join();

        assertThat(found.get()).asInstanceOf(InstanceOfAssertFactories.LIST)
                .extracting(c -> ((Class<?>) c).getSimpleName()).contains("Holding", "File", "Location");
    }

    @Test
    void aPackageWithoutEntitiesIsAnErrorNotAnEmptyModel() {
        assertThatThrownBy(() -> EntityModel.entitiesIn("uk.ac.ceda.nlds.db.no.such.entities"))
                .hasMessageContaining("no @Entity class found in package uk.ac.ceda.nlds.db.no.such.entities");
    }
}
