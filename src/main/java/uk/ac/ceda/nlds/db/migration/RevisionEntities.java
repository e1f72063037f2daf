package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.Entity;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * A Hibernate session factory over a revision's own entity classes. Sessions run on the revision's
 * connection and never begin or commit a transaction of their own: the migration's transaction is
 * the only one.
 *
 * <p>The factory is only what a stateless session over a few annotated classes needs (see
 * {@link #LEAN}), and it is built once per process: the entity copies of this build's revisions
 * never change, so the plan's rehearsal of a revision and the revision's run share one factory, and
 * the service registry (Hibernate's services and the dialect) is shared by every revision of a
 * backend. Entities from a class loader of their own (a revision compiled at run time) get a
 * private factory, closed with this object, so that loader is never held.
 */
public final class RevisionEntities implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevisionEntities.class);

    /**
     * On top of {@link HibernateSettings}: no bytecode provider (revision copies map columns, never
     * associations, so no proxy or generated accessor is needed; the provider's start alone took
     * about a second of a cold factory), and nothing a stateless session does not use.
     */
    private static final Map<String, Object> LEAN = Map.of(
            "hibernate.bytecode.provider", "none",
            AvailableSettings.JAKARTA_VALIDATION_MODE, "none",
            AvailableSettings.USE_SECOND_LEVEL_CACHE, "false",
            AvailableSettings.USE_QUERY_CACHE, "false",
            AvailableSettings.GENERATE_STATISTICS, "false",
            AvailableSettings.QUERY_STARTUP_CHECKING, "false",
            AvailableSettings.ALLOW_UPDATE_OUTSIDE_TRANSACTION, "true");

    private static final ClassLoader OWN_LOADER = RevisionEntities.class.getClassLoader();
    private static final Map<Backend, StandardServiceRegistry> SHARED_REGISTRIES = new ConcurrentHashMap<>();
    private static final Map<Shared, SessionFactory> SHARED_FACTORIES = new ConcurrentHashMap<>();

    private record Shared(Backend backend, List<Class<?>> entities) {
    }

    private final StandardServiceRegistry privateRegistry;
    private final SessionFactory sessionFactory;
    private final List<Class<?>> entities;

    private RevisionEntities(StandardServiceRegistry privateRegistry, SessionFactory sessionFactory,
            List<Class<?>> entities) {
        this.privateRegistry = privateRegistry;
        this.sessionFactory = sessionFactory;
        this.entities = List.copyOf(entities);
    }

    /** The {@code @Entity} classes nested in {@code owner}: a revision's copies of its tables. */
    static List<Class<?>> nestedIn(Class<?> owner) {
        return Arrays.stream(owner.getDeclaredClasses()).filter(c -> c.isAnnotationPresent(Entity.class))
                .<Class<?>>map(c -> c).toList();
    }

    /**
     * Builds the shared factory over {@code owner}'s nested entities now, if it has any and they are
     * this build's own classes (another loader's get a private factory per use: nothing to keep).
     */
    public static void buildShared(Backend backend, Class<?> owner) {
        List<Class<?>> entities = nestedIn(owner);
        if (entities.isEmpty() || !entities.stream().allMatch(c -> c.getClassLoader() == OWN_LOADER)) {
            return;
        }
        try (RevisionEntities built = open(backend, entities)) {
            built.translateOneQueryEach();
        }
    }

    /**
     * Parses a query over each entity, never run (a session needs no connection for it): the first
     * query translation in a process loads Hibernate's query classes, a cost the revision's data
     * step otherwise pays after its factory is ready. Best effort: a failure leaves that to the step.
     */
    private void translateOneQueryEach() {
        try (StatelessSession session = sessionFactory.openStatelessSession()) {
            for (Class<?> entity : entities) {
                String name = sessionFactory.getMetamodel().entity(entity).getName();
                session.createSelectionQuery("select count(e) from " + name + " e where e.id between :low and :high",
                        Long.class);
            }
        } catch (RuntimeException e) {
            log.debug("parsing queries ahead over {} failed: {}", entities, e.getMessage());
        }
    }

    /** Whether sessions of this factory can work with every one of {@code classes}. */
    boolean maps(List<Class<?>> classes) {
        return entities.containsAll(classes);
    }

    public static RevisionEntities open(Backend backend, List<Class<?>> entities) {
        long start = System.nanoTime();
        boolean own = entities.stream().allMatch(c -> c.getClassLoader() == OWN_LOADER);
        boolean[] built = {false};
        RevisionEntities opened;
        if (own) {
            SessionFactory factory = SHARED_FACTORIES.computeIfAbsent(new Shared(backend, List.copyOf(entities)),
                    key -> {
                        built[0] = true;
                        return factory(SHARED_REGISTRIES.computeIfAbsent(backend, b -> registry(b, List.of(OWN_LOADER))),
                                entities);
                    });
            opened = new RevisionEntities(null, factory, entities);
        } else {
            // Hibernate loads the entities by name: through the loader that has them
            StandardServiceRegistry registry = registry(backend,
                    entities.stream().map(Class::getClassLoader).distinct().toList());
            try {
                opened = new RevisionEntities(registry, factory(registry, entities), entities);
                built[0] = true;
            } catch (RuntimeException e) {
                StandardServiceRegistryBuilder.destroy(registry);
                throw e;
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("entities {} ready in {} ms ({})", entities.stream().map(Class::getSimpleName).toList(),
                    (System.nanoTime() - start) / 1_000_000, built[0] ? "built" : "built before");
        }
        return opened;
    }

    private static StandardServiceRegistry registry(Backend backend, List<ClassLoader> loaders) {
        BootstrapServiceRegistryBuilder bootstrap = new BootstrapServiceRegistryBuilder();
        loaders.forEach(bootstrap::applyClassLoader);
        Map<String, Object> settings = new HashMap<>(HibernateSettings.forBackend(backend));
        settings.putAll(LEAN);
        return new StandardServiceRegistryBuilder(bootstrap.build()).applySettings(settings)
                .applySetting(AvailableSettings.CONNECTION_PROVIDER, new NoConnections()).build();
    }

    private static SessionFactory factory(StandardServiceRegistry registry, List<Class<?>> entities) {
        MetadataSources sources = new MetadataSources(registry);
        entities.forEach(sources::addAnnotatedClass);
        return sources.buildMetadata().buildSessionFactory();
    }

    /** Runs {@code work} in a stateless session on {@code connection}, in the caller's transaction. */
    public <R> R run(Connection connection, Work<R> work) throws Exception {
        try (StatelessSession session = sessionFactory.withStatelessOptions().connection(connection)
                .openStatelessSession()) {
            return work.run(session);
        }
    }

    /** Closes a private factory; a shared one stays for the next use in the process. */
    @Override
    public void close() {
        if (privateRegistry != null) {
            sessionFactory.close();
            StandardServiceRegistryBuilder.destroy(privateRegistry);
        }
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
