package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Entity;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * A throwaway Hibernate session factory over a revision's own entity classes. Sessions run on
 * the revision's connection and never begin or commit a transaction of their own: the
 * migration's transaction is the only one.
 */
public final class RevisionEntities implements AutoCloseable {

    private final StandardServiceRegistry registry;
    private final SessionFactory sessionFactory;
    private final List<Class<?>> entities;

    private RevisionEntities(StandardServiceRegistry registry, SessionFactory sessionFactory, List<Class<?>> entities) {
        this.registry = registry;
        this.sessionFactory = sessionFactory;
        this.entities = List.copyOf(entities);
    }

    /** The {@code @Entity} classes nested in {@code owner}: a revision's copies of its tables. */
    static List<Class<?>> nestedIn(Class<?> owner) {
        return Arrays.stream(owner.getDeclaredClasses()).filter(c -> c.isAnnotationPresent(Entity.class))
                .<Class<?>>map(c -> c).toList();
    }

    /** Whether sessions of this factory can work with every one of {@code classes}. */
    boolean maps(List<Class<?>> classes) {
        return entities.containsAll(classes);
    }

    public static RevisionEntities open(Backend backend, List<Class<?>> entities) {
        // Hibernate loads the entities by name: through the loader that has them (a revision compiled
        // at run time, or one from a test-only package, lives in a loader of its own)
        BootstrapServiceRegistryBuilder bootstrap = new BootstrapServiceRegistryBuilder();
        entities.stream().map(Class::getClassLoader).distinct().forEach(bootstrap::applyClassLoader);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap.build())
                .applySettings(HibernateSettings.forBackend(backend))
                .applySetting(AvailableSettings.CONNECTION_PROVIDER, new NoConnections())
                .applySetting(AvailableSettings.ALLOW_UPDATE_OUTSIDE_TRANSACTION, "true")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            return new RevisionEntities(registry, sources.buildMetadata().buildSessionFactory(), entities);
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Runs {@code work} in a stateless session on {@code connection}, in the caller's transaction. */
    public <R> R run(Connection connection, Work<R> work) throws Exception {
        try (StatelessSession session = sessionFactory.withStatelessOptions().connection(connection)
                .openStatelessSession()) {
            return work.run(session);
        }
    }

    @Override
    public void close() {
        sessionFactory.close();
        StandardServiceRegistryBuilder.destroy(registry);
    }

    @FunctionalInterface
    public interface Work<R> {
        R run(StatelessSession session) throws Exception;
    }

    @FunctionalInterface
    public interface VoidWork {
        void run(StatelessSession session) throws Exception;
    }

    /** Every session gets its connection from the revision; Hibernate must never open one itself. */
    private static final class NoConnections implements ConnectionProvider {
        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException("revision sessions run on the migration's own connection");
        }

        @Override
        public void closeConnection(Connection connection) {
            throw new UnsupportedOperationException("revision sessions run on the migration's own connection");
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> unwrapType) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> unwrapType) {
            throw new UnsupportedOperationException();
        }
    }
}
