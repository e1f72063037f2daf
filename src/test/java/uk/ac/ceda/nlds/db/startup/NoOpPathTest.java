package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.DataSourceFactory;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * The coordinator's no-op path on a pair at head: one connection per database (the migration's data
 * source is not pooled, so each costs a connect) and one read of the revision history, whatever
 * the wait, the head check and the entity check each need.
 */
class NoOpPathTest {

    @TempDir
    Path folder;

    /** A query of the history's rows (the schema inspection reads its columns through PRAGMAs, not this). */
    static final Pattern HISTORY_READ = Pattern.compile("(?i)\\bfrom\\s+\"?" + FlywayHistory.TABLE + "\\b");

    /** Connections opened and history reads made, per database, through the migration's data source. */
    static final class Counted {
        final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> historyReads = new ConcurrentHashMap<>();

        DataSource wrap(String id, DataSource target) {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(target, method, args);
                        if (method.getName().equals("getConnection")) {
                            connections.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            return connection(id, (Connection) result);
                        }
                        return result;
                    });
        }

        private Connection connection(String id, Connection target) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        Object result = invoke(target, method, args);
                        return method.getName().equals("createStatement") ? statement(id, (Statement) result) : result;
                    });
        }

        private Statement statement(String id, Statement target) {
            return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql
                                && HISTORY_READ.matcher(sql).find()) {
                            historyReads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        }
                        return invoke(target, method, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        int connections(String id) {
            return connections.getOrDefault(id, new AtomicInteger()).get();
        }

        int historyReads(String id) {
            return historyReads.getOrDefault(id, new AtomicInteger()).get();
        }
    }

    @Test
    void aPairAtHeadIsCheckedOnOneConnectionPerDatabaseWithOneReadOfItsHistory() {
        List<TestDatabase> pair = pairAtHead();
        Counted counted = new Counted();
        ManagedDatabase catalog = counting(NldsDatabase.CATALOG, pair.get(0), counted);
        ManagedDatabase monitor = counting(NldsDatabase.MONITOR, pair.get(1), counted);
        MigrationCoordinator coordinator = new MigrationCoordinator(catalog, monitor, MigrationStateListener.NONE,
                new DatabaseWait(Duration.ofSeconds(5)), new EntityModelCheck(), true);

        coordinator.run(null);

        assertThat(coordinator.outcomes()).extracting(MigrationOutcome::describe).allMatch(d -> d.endsWith("already at head"));
        for (String id : List.of("catalog", "monitor")) {
            assertThat(counted.connections(id)).as(id + " connections").isEqualTo(1);
            assertThat(counted.historyReads(id)).as(id + " history reads").isEqualTo(1);
        }
    }

    @Test
    void aPairAtHeadIsCheckedWithoutLoadingFlyway() {
        List<TestDatabase> pair = pairAtHead();
        AtomicInteger loads = new AtomicInteger();
        MigrationCoordinator coordinator = new MigrationCoordinator(
                countingFlywayLoads(MigrationHarness.managed(NldsDatabase.CATALOG, pair.get(0)), loads),
                countingFlywayLoads(MigrationHarness.managed(NldsDatabase.MONITOR, pair.get(1)), loads),
                MigrationStateListener.NONE, new DatabaseWait(Duration.ofSeconds(5)), new EntityModelCheck(), true);

        coordinator.run(null);

        assertThat(coordinator.outcomes()).extracting(MigrationOutcome::describe).allMatch(d -> d.endsWith("already at head"));
        assertThat(loads).as("Flyway loads on the no-op path").hasValue(0);
    }

    /** A catalog and a monitor SQLite file, both migrated to head. */
    private List<TestDatabase> pairAtHead() {
        TestDatabase catalogFile = TestDatabase.sqlite(folder.resolve("catalog.db"));
        TestDatabase monitorFile = TestDatabase.sqlite(folder.resolve("monitor.db"));
        MigrationHarness.migrateToHead(MigrationHarness.managed(NldsDatabase.CATALOG, catalogFile));
        MigrationHarness.migrateToHead(MigrationHarness.managed(NldsDatabase.MONITOR, monitorFile));
        return List.of(catalogFile, monitorFile);
    }

    /** The same database, counting how often its Flyway instance is asked for. */
    private static ManagedDatabase countingFlywayLoads(ManagedDatabase database, AtomicInteger loads) {
        return new ManagedDatabase(database.target(), database.revisions(), database.migrationDataSource(),
                database.historyTable(), () -> {
                    loads.incrementAndGet();
                    return database.flyway();
                }, database.lock(), database.lockRetry());
    }

    @Test
    void aDatabaseNotAtHeadIsStillMigratedAndChecked() {
        TestDatabase catalogFile = TestDatabase.sqlite(folder.resolve("catalog.db"));
        TestDatabase monitorFile = TestDatabase.sqlite(folder.resolve("monitor.db"));
        MigrationHarness.migrateToHead(MigrationHarness.managed(NldsDatabase.CATALOG, catalogFile));
        Counted counted = new Counted();
        MigrationCoordinator coordinator = new MigrationCoordinator(counting(NldsDatabase.CATALOG, catalogFile, counted),
                counting(NldsDatabase.MONITOR, monitorFile, counted), MigrationStateListener.NONE,
                new DatabaseWait(Duration.ofSeconds(5)), new EntityModelCheck(), true);

        coordinator.run(null);

        assertThat(coordinator.outcomes()).extracting(MigrationOutcome::describe).containsExactly(
                "catalog: at " + RevisionChain.headLabel() + ", already at head",
                "monitor: V0 (empty) -> " + RevisionChain.headLabel() + " (" + RevisionChain.head()
                        + " revisions applied)");
        assertThat(counted.connections("catalog")).isEqualTo(1);
    }

    private static ManagedDatabase counting(NldsDatabase database, TestDatabase db, Counted counted) {
        DatabaseTarget target = new DatabaseTarget(database, db.backend(), db.url(), db.user(), db.password());
        Map<String, String> settings = MigrationHarness.FIXTURE_SETTINGS;
        DataSource dataSource = counted.wrap(database.id(), DataSourceFactory.migrationDataSource(target,
                Duration.ofSeconds(30), LockPolicy.from(settings::get)));
        return ManagedDatabase.create(target, dataSource, settings::get, ProgressListener.NONE,
                RevisionChain.extraPackages(database));
    }
}
