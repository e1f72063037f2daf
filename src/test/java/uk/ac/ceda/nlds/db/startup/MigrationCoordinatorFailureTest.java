package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * The coordinator around a failed entity-model check, in-process on two SQLite files: the check is
 * a bean, so a check that refuses stands in for a schema that really differs. The two databases
 * migrate side by side, so the order of events is asserted per database.
 */
class MigrationCoordinatorFailureTest {

    @TempDir
    Path folder;

    /** Refuses the given databases, as a build whose entities are ahead of its revisions would. */
    static class Refusing extends EntityModelCheck {
        private final Set<String> refused;

        Refusing(String... refused) {
            this.refused = Set.of(refused);
        }

        @Override
        public void verify(ManagedDatabase database, java.sql.Connection connection) {
            if (refused.contains(database.id())) {
                throw new MigrationFailedException(database.id(), "the service's entity model does not match", null);
            }
        }
    }

    /** What the status board would hear, from both databases' threads. */
    static class Heard implements MigrationStateListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        List<String> of(String database) {
            return events.stream().filter(e -> e.startsWith(database + " ")).toList();
        }

        @Override
        public void migrating(ManagedDatabase database, java.util.OptionalInt from) {
            events.add(database.id() + " migrating");
        }

        @Override
        public void upToDate(String database, Supplier<DatabaseStatus> status) {
            events.add(database + " up to date");
        }

        @Override
        public void failed(String database, String error, DatabaseStatus status) {
            events.add(database + " failed: " + error + " at " + status.label());
        }
    }

    @Test
    void aRefusedCheckFailsTheStartNamingWhereTheOtherDatabaseIs() {
        Heard heard = new Heard();
        MigrationCoordinator coordinator = coordinator(heard, true, new Refusing("monitor"));

        assertThatThrownBy(() -> coordinator.run(null)).isInstanceOf(MigrationFailedException.class)
                .hasMessage("monitor: the service's entity model does not match; catalog is at head "
                        + RevisionChain.headLabel());
        assertThat(heard.of("catalog")).containsExactly("catalog migrating", "catalog up to date");
        assertThat(heard.of("monitor")).containsExactly("monitor migrating",
                "monitor failed: monitor: the service's entity model does not match at " + RevisionChain.headLabel());
        assertThat(coordinator.outcomes()).isEmpty();
    }

    @Test
    void whenBothFailOneLineTellsBoth() {
        Heard heard = new Heard();
        MigrationCoordinator coordinator = coordinator(heard, true, new Refusing("catalog", "monitor"));

        assertThatThrownBy(() -> coordinator.run(null)).isInstanceOf(MigrationFailedException.class)
                .hasMessage("catalog: the service's entity model does not match; monitor failed too: the service's"
                        + " entity model does not match");
        assertThat(heard.events).filteredOn(e -> e.contains(" failed: ")).hasSize(2);
    }

    /**
     * The catalog's migration waits, through the status board's first call, until the monitor is up
     * to date: run one after the other, the catalog would wait for ever (here, for the bound below).
     */
    @Test
    void theCatalogAndTheMonitorMigrateSideBySide() throws Exception {
        CountDownLatch monitorDone = new CountDownLatch(1);
        Heard heard = new Heard() {
            @Override
            public void migrating(ManagedDatabase database, java.util.OptionalInt from) {
                super.migrating(database, from);
                if (database.id().equals("catalog")) {
                    try {
                        events.add(monitorDone.await(2, TimeUnit.MINUTES) ? "catalog saw monitor at head"
                                : "catalog gave up waiting for monitor");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void upToDate(String database, Supplier<DatabaseStatus> status) {
                super.upToDate(database, status);
                if (database.equals("monitor")) {
                    monitorDone.countDown();
                }
            }
        };

        coordinator(heard, true, new Refusing()).run(null);

        assertThat(heard.of("catalog")).containsExactly("catalog migrating", "catalog saw monitor at head",
                "catalog up to date");
    }

    @Test
    void withoutFailFastTheStartGoesOnNotReady() {
        Heard heard = new Heard();
        MigrationCoordinator coordinator = coordinator(heard, false, new Refusing("monitor"));

        coordinator.run(null);

        assertThat(heard.of("monitor")).last().asString().startsWith("monitor failed: ");
        assertThat(heard.of("catalog")).last().isEqualTo("catalog up to date");
        assertThat(coordinator.outcomes()).isEmpty();
    }

    private MigrationCoordinator coordinator(MigrationStateListener listener, boolean failFast, EntityModelCheck check) {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG,
                TestDatabase.sqlite(folder.resolve("catalog.db")));
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR,
                TestDatabase.sqlite(folder.resolve("monitor.db")));
        MigrationCoordinator coordinator = new MigrationCoordinator(catalog, monitor, listener,
                new DatabaseWait(Duration.ofSeconds(5)), check, failFast);
        coordinator.setPlanFirst(false);
        return coordinator;
    }
}
