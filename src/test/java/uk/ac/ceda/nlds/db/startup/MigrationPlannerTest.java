package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ConnectionCheck;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.migration.plan.PlannedRevision;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;

/** The plan the coordinator makes before migrating, against the one the {@code plan} verb shows. */
class MigrationPlannerTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anEmptyDatabaseIsPlannedBeforeMigratingWithoutRehearsalYetWithTheSameRevisionsAndSummary(Backend backend) {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, Backends.fresh(backend, postgres, folder));
        ConnectionCheck.verify(catalog); // as the coordinator's wait does: a SQLite file exists from then on

        DatabasePlan before = MigrationPlanner.beforeMigrating(catalog);
        DatabasePlan rehearsed = MigrationPlanner.plan(catalog, status -> catalog.revisions().headVersion());

        // the rehearsal is what finds the steps: the plan before migrating has none
        assertThat(rehearsed.revisions()).anyMatch(r -> !r.steps().isEmpty());
        assertThat(before.revisions()).allMatch(r -> r.steps().isEmpty());
        assertThat(before.revisions()).extracting(PlannedRevision::version, PlannedRevision::alembicId,
                PlannedRevision::description).containsExactlyElementsOf(rehearsed.revisions().stream()
                        .map(r -> org.assertj.core.groups.Tuple.tuple(r.version(), r.alembicId(), r.description()))
                        .toList());
        assertThat(before.revisions()).hasSize(RevisionChain.head());
        assertThat(before.from()).isEqualTo(rehearsed.from()).isEqualTo("V0 (empty)");
        assertThat(before.target()).isEqualTo(rehearsed.target());
        assertThat(before.settingsRefusals()).isEmpty();
        assertThat(before.summary()).isEqualTo("catalog: " + RevisionChain.head() + " revisions, 0 rows to rewrite,"
                + " under 1 s").isEqualTo(rehearsed.summary());
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aDatabaseWithRevisionsAppliedIsStillRehearsedBeforeMigrating(Backend backend) {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, Backends.fresh(backend, postgres, folder));
        MigrationHarness.migrateTo(catalog, 2);

        DatabasePlan before = MigrationPlanner.beforeMigrating(catalog);

        assertThat(before.fromVersion()).isEqualTo(2);
        assertThat(before.revisions()).hasSize(RevisionChain.head() - 2).anyMatch(r -> !r.steps().isEmpty());
    }
}
