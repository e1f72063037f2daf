package uk.ac.ceda.nlds.db.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.migration.plan.PlannedRevision;

/** The plan's estimate on {@code /actuator/migrations}: its line, its total, and the time left as revisions finish. */
class MigrationStatusBoardTest {

    private final MigrationStatusBoard board = new MigrationStatusBoard(new DatabaseTargets(
            new DatabaseTarget(NldsDatabase.CATALOG, Backend.SQLITE, "jdbc:sqlite:catalog.db", null, null),
            new DatabaseTarget(NldsDatabase.MONITOR, Backend.SQLITE, "jdbc:sqlite:monitor.db", null, null)),
            new SimpleMeterRegistry());

    @Test
    void theEstimateCountsDownAsPlannedRevisionsFinish() {
        assertThat(estimate("catalog")).isNull();

        board.estimated("catalog", new DatabasePlan("catalog", "SQLITE", "jdbc:sqlite:catalog.db", 1, "V1 (a)", null, 3,
                "V3 (c)", List.of(revision(2, "b", 10), revision(3, "c", 20)), List.of(), null, 30,
                "catalog: 2 revisions, 1M rows to rewrite, about 30 s"));
        assertThat(estimate("catalog")).containsEntry("summary", "catalog: 2 revisions, 1M rows to rewrite, about 30 s")
                .containsEntry("seconds", 30.0).containsEntry("secondsLeft", 30.0);

        board.revisionStarted("catalog", "V2 (b)");
        board.revisionFinished("catalog", "V2 (b)", Duration.ofSeconds(12));
        assertThat(estimate("catalog")).containsEntry("secondsLeft", 20.0);

        board.upToDate("catalog", () -> null);
        assertThat(estimate("catalog")).containsEntry("secondsLeft", 0.0);
        assertThat(estimate("monitor")).isNull();
    }

    private static PlannedRevision revision(int version, String alembicId, double seconds) {
        return new PlannedRevision(version, alembicId, "revision " + version, List.of(), List.of(), null, List.of(), seconds);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> estimate(String database) {
        return (Map<String, Object>) ((Map<String, Object>) board.describe().get(database)).get("estimate");
    }
}
