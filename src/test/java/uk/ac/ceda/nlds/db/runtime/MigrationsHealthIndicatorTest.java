package uk.ac.ceda.nlds.db.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;

/** Readiness follows the board: out of service until both databases are at head, down after a failure. */
class MigrationsHealthIndicatorTest {

    private final MigrationStatusBoard board = new MigrationStatusBoard(new DatabaseTargets(
            new DatabaseTarget(NldsDatabase.CATALOG, Backend.SQLITE, "jdbc:sqlite:catalog.db", null, null),
            new DatabaseTarget(NldsDatabase.MONITOR, Backend.SQLITE, "jdbc:sqlite:monitor.db", null, null)),
            new SimpleMeterRegistry());
    private final MigrationsHealthIndicator health = new MigrationsHealthIndicator(board);

    @Test
    void outOfServiceUntilBothDatabasesAreAtHeadThenUp() {
        assertThat(health.health()).extracting(Health::getStatus).isEqualTo(Status.OUT_OF_SERVICE);

        board.upToDate("catalog", () -> null);
        Health oneAtHead = health.health();
        assertThat(oneAtHead.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(oneAtHead.getDetails()).containsEntry("catalog", MigrationState.UP_TO_DATE)
                .containsEntry("monitor", MigrationState.PENDING);

        board.upToDate("monitor", () -> null);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhenAMigrationFailed() {
        board.upToDate("catalog", () -> null);
        board.failed("monitor", "monitor: revision V5 failed", null);

        Health failed = health.health();
        assertThat(failed.getStatus()).isEqualTo(Status.DOWN);
        assertThat(failed.getDetails()).containsEntry("monitor", MigrationState.FAILED);
    }
}
