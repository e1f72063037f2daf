package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.DataSourceFactory;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** The coordinator's first reads: both databases side by side, and none left waiting once the start has stopped. */
class HeadCheckTest {

    @TempDir
    Path folder;

    /** What a database's data source does before (or instead of) handing out a connection. */
    interface BeforeConnecting {
        void run() throws SQLException, InterruptedException;
    }

    @Test
    void theCatalogAndTheMonitorAreReadSideBySide() {
        TestDatabase catalogFile = atHead(NldsDatabase.CATALOG, "catalog.db");
        TestDatabase monitorFile = atHead(NldsDatabase.MONITOR, "monitor.db");
        CountDownLatch monitorAsked = new CountDownLatch(1);
        // the catalog's connection is handed out only once the monitor's has been asked for: read one after
        // the other, the catalog would wait in vain and fail the start
        ManagedDatabase catalog = managed(NldsDatabase.CATALOG, catalogFile, () -> {
            if (!monitorAsked.await(60, TimeUnit.SECONDS)) {
                throw new SQLException("the monitor was not asked for a connection while the catalog waited");
            }
        });
        ManagedDatabase monitor = managed(NldsDatabase.MONITOR, monitorFile, monitorAsked::countDown);
        MigrationCoordinator coordinator = new MigrationCoordinator(catalog, monitor, MigrationStateListener.NONE,
                new DatabaseWait(Duration.ofSeconds(5)), new EntityModelCheck(), true);

        coordinator.run(null);

        assertThat(coordinator.outcomes()).extracting(MigrationOutcome::describe)
                .allMatch(d -> d.endsWith("already at head"));
    }

    @Test
    void aStartStoppedAtTheCatalogStopsWaitingForTheMonitor() throws Exception {
        AtomicInteger monitorAttempts = new AtomicInteger();
        // files that exist (empty databases): a SQLite file not made yet is not opened by the check at all
        Files.createFile(folder.resolve("catalog.db"));
        Files.createFile(folder.resolve("monitor.db"));
        ManagedDatabase catalog = managed(NldsDatabase.CATALOG, TestDatabase.sqlite(folder.resolve("catalog.db")),
                () -> {
                    throw new SQLException("password authentication failed for user \"nlds\"", "28P01");
                });
        // a server that never answers: the wait would retry for the whole five minutes
        ManagedDatabase monitor = managed(NldsDatabase.MONITOR, TestDatabase.sqlite(folder.resolve("monitor.db")),
                () -> {
                    monitorAttempts.incrementAndGet();
                    throw new SQLException("Connection refused", "08001", new ConnectException("Connection refused"));
                });
        MigrationCoordinator coordinator = new MigrationCoordinator(catalog, monitor, MigrationStateListener.NONE,
                new DatabaseWait(Duration.ofMinutes(5)), new EntityModelCheck(), true);

        assertThatThrownBy(() -> coordinator.run(null)).hasMessageContaining("catalog: cannot connect")
                .hasMessageContaining("password authentication failed");

        Thread monitorCheck = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("head-check-monitor")).findFirst().orElse(null);
        if (monitorCheck != null) {
            monitorCheck.join(Duration.ofSeconds(30));
            assertThat(monitorCheck.isAlive()).as("the monitor's check still waiting for its server").isFalse();
        }
        assertThat(monitorAttempts).as("the monitor was tried before the start stopped").hasPositiveValue();
    }

    @Test
    void aSqliteFileNotMadeYetIsLeftUnmadeWhenTheStartStopsAtTheCatalog() throws Exception {
        Files.createFile(folder.resolve("catalog.db"));
        ManagedDatabase catalog = managed(NldsDatabase.CATALOG, TestDatabase.sqlite(folder.resolve("catalog.db")),
                () -> {
                    throw new SQLException("password authentication failed for user \"nlds\"", "28P01");
                });
        Path monitorFile = folder.resolve("monitor.db");
        ManagedDatabase monitor = managed(NldsDatabase.MONITOR, TestDatabase.sqlite(monitorFile), () -> {
        });
        MigrationCoordinator coordinator = new MigrationCoordinator(catalog, monitor, MigrationStateListener.NONE,
                new DatabaseWait(Duration.ofSeconds(5)), new EntityModelCheck(), true);

        assertThatThrownBy(() -> coordinator.run(null)).hasMessageContaining("catalog: cannot connect");

        Thread monitorCheck = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("head-check-monitor")).findFirst().orElse(null);
        if (monitorCheck != null) {
            monitorCheck.join(Duration.ofSeconds(30)); // whatever it was going to do, done
        }
        assertThat(monitorFile).as("the monitor's file, made while the catalog refused").doesNotExist();
    }

    private TestDatabase atHead(NldsDatabase database, String file) {
        TestDatabase db = TestDatabase.sqlite(folder.resolve(file));
        MigrationHarness.migrateToHead(MigrationHarness.managed(database, db));
        return db;
    }

    private static ManagedDatabase managed(NldsDatabase database, TestDatabase db, BeforeConnecting before) {
        DatabaseTarget target = new DatabaseTarget(database, db.backend(), db.url(), db.user(), db.password());
        Map<String, String> settings = MigrationHarness.FIXTURE_SETTINGS;
        DataSource real = DataSourceFactory.migrationDataSource(target, Duration.ofSeconds(30),
                LockPolicy.from(settings::get));
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(HeadCheckTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        before.run();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return ManagedDatabase.create(target, dataSource, settings::get, ProgressListener.NONE,
                RevisionChain.extraPackages(database));
    }
}
