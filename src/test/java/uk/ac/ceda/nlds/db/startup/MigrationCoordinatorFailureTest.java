package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * a bean, so a check that refuses stands in for a schema that really differs.
 */
class MigrationCoordinatorFailureTest {

    @TempDir
    Path folder;

    /** Refuses the monitor database, as a build whose monitor entities are ahead of its revisions would. */
    static class RefusingMonitor extends EntityModelCheck {
        @Override
        public void verify(ManagedDatabase database, java.sql.Connection connection) {
            if (database.id().equals("monitor")) {
                throw new MigrationFailedException("monitor", "the service's entity model does not match", null);
            }
        }
    }

    /** What the status board would hear. */
    static class Heard implements MigrationStateListener {
        final List<String> events = new ArrayList<>();

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
        MigrationCoordinator coordinator = coordinator(heard, true);

        assertThatThrownBy(() -> coordinator.run(null)).isInstanceOf(MigrationFailedException.class)
                .hasMessage("monitor: the service's entity model does not match; catalog is at head "
                        + RevisionChain.headLabel());
        assertThat(heard.events).containsExactly("catalog migrating", "catalog up to date", "monitor migrating",
                "monitor failed: monitor: the service's entity model does not match at " + RevisionChain.headLabel());
        assertThat(coordinator.outcomes()).isEmpty();
    }

    @Test
    void withoutFailFastTheStartGoesOnNotReady() {
        Heard heard = new Heard();
        MigrationCoordinator coordinator = coordinator(heard, false);

        coordinator.run(null);

        assertThat(heard.events).last().asString().startsWith("monitor failed: ");
        assertThat(coordinator.outcomes()).isEmpty();
    }

    private MigrationCoordinator coordinator(MigrationStateListener listener, boolean failFast) {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG,
                TestDatabase.sqlite(folder.resolve("catalog.db")));
        ManagedDatabase monitor = MigrationHarness.managed(NldsDatabase.MONITOR,
                TestDatabase.sqlite(folder.resolve("monitor.db")));
        MigrationCoordinator coordinator = new MigrationCoordinator(catalog, monitor, listener,
                new DatabaseWait(Duration.ofSeconds(5)), new RefusingMonitor(), failFast);
        coordinator.setPlanFirst(false);
        return coordinator;
    }
}
