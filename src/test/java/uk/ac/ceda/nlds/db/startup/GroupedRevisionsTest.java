package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.bench.BenchmarkData;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.RevisionGrouping;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Pending revisions in one transaction ({@code nlds.migration.group}): a revision failing in the
 * middle of the group leaves the database exactly at the revision before the group (schema,
 * history, {@code alembic_version}, every row), and the failure names the revision that failed (not
 * the one after the revision reached, as it would be for a revision committed on its own);
 * without grouping the revisions before it stay applied, each complete.
 */
class GroupedRevisionsTest {

    private static final long FILES = 200;
    private static final String FAILING = "uk.ac.ceda.nlds.db.runtime.failing.migration";

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aFailureInTheMiddleOfAGroupLeavesTheRevisionBeforeTheGroup(Backend backend) throws Exception {
        TestDatabase catalog = catalogAtRevisionOneThatRevisionThreeRefuses(backend);
        Map<String, String> before = Rows.digest(catalog, Fixtures.CATALOG_TABLES);

        // revision 2 runs (a rebuild of location on SQLite, a new table), then revision 3 refuses
        assertThatThrownBy(() -> DatabaseMigrator.migrate(managed(catalog, RevisionGrouping.ALL)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("V3 (ee82dd99bfc0)")
                .hasMessageContaining("have no storage_type");

        assertThat(appliedVersions(catalog)).containsExactly("1");
        assertThat(Rows.column(catalog, "SELECT version_num FROM alembic_version")).containsExactly("991b6f8cf6be");
        assertThat(Fixtures.differencesFromFresh(catalog, NldsDatabase.CATALOG, 1, postgres, folder)).isEmpty();
        assertThat(Rows.digest(catalog, Fixtures.CATALOG_TABLES)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aRevisionThatThrowsNamesItselfAndTheRevisionBeforeTheGroup(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        MigrationHarness.migrateTo(managed(catalog, RevisionGrouping.NONE, List.of()), 1);
        load(catalog);
        Map<String, String> before = Rows.digest(catalog, Fixtures.CATALOG_TABLES);

        // revisions 2 to 9 run, then the test-only V10 changes the schema and throws
        assertThatThrownBy(() -> DatabaseMigrator.migrate(managed(catalog, RevisionGrouping.ALL, List.of(FAILING))))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("revision V10 (0000000000bb) failed, the database is at V1 (991b6f8cf6be)");

        assertThat(appliedVersions(catalog)).containsExactly("1");
        assertThat(Fixtures.differencesFromFresh(catalog, NldsDatabase.CATALOG, 1, postgres, folder)).isEmpty();
        assertThat(Rows.digest(catalog, Fixtures.CATALOG_TABLES)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void withoutGroupingTheRevisionsBeforeTheFailureStayApplied(Backend backend) throws Exception {
        TestDatabase catalog = catalogAtRevisionOneThatRevisionThreeRefuses(backend);
        long locations = Rows.count(catalog, "location");

        assertThatThrownBy(() -> DatabaseMigrator.migrate(managed(catalog, RevisionGrouping.NONE)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("V3 (ee82dd99bfc0)");

        assertThat(appliedVersions(catalog)).containsExactly("1", "2");
        assertThat(Rows.column(catalog, "SELECT version_num FROM alembic_version")).containsExactly("bf09ce0d6899");
        assertThat(Fixtures.differencesFromFresh(catalog, NldsDatabase.CATALOG, 2, postgres, folder)).isEmpty();
        assertThat(Rows.count(catalog, "location")).isEqualTo(locations);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aGroupThatSucceedsRecordsEveryRevisionAndEndsAtTheLast(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        ManagedDatabase managed = managed(catalog, RevisionGrouping.ALL);
        MigrationHarness.migrateTo(managed, 1);
        load(catalog);

        MigrationOutcome outcome = DatabaseMigrator.migrate(managed);

        assertThat(outcome.revisionsApplied()).isEqualTo(managed.revisions().headVersion() - 1);
        assertThat(appliedVersions(catalog)).hasSize(managed.revisions().headVersion());
        assertThat(Rows.column(catalog, "SELECT version_num FROM alembic_version"))
                .containsExactly(managed.revisions().revisions().getLast().alembicId());
        assertThat(Rows.count(catalog, "location")).isEqualTo(FILES + FILES / 2);
    }

    @Test
    void theDefaultCommitsEachRevisionAndAnUnknownValueIsRefused() {
        RevisionGrouping grouping = RevisionGrouping.from(property -> null);
        assertThat(grouping.groups(Backend.SQLITE)).isFalse();
        assertThat(grouping.groups(Backend.POSTGRESQL)).isFalse();
        RevisionGrouping sqliteOnly = RevisionGrouping.from(Map.of(RevisionGrouping.PROPERTY, "sqlite")::get);
        assertThat(sqliteOnly.groups(Backend.SQLITE)).isTrue();
        assertThat(sqliteOnly.groups(Backend.POSTGRESQL)).isFalse();
        assertThat(RevisionGrouping.from(Map.of(RevisionGrouping.PROPERTY, " All ")::get).groups(Backend.POSTGRESQL))
                .isTrue();
        assertThatThrownBy(() -> RevisionGrouping.from(Map.of(RevisionGrouping.PROPERTY, "sometimes")::get))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nlds.migration.group");
    }

    /** Revision 1 with data, one location without a storage type: revision 3 refuses to guess its URL. */
    private TestDatabase catalogAtRevisionOneThatRevisionThreeRefuses(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        MigrationHarness.migrateTo(managed(catalog, RevisionGrouping.NONE), 1);
        load(catalog);
        Rows.execute(catalog, "UPDATE location SET storage_type = NULL WHERE id = " + FILES / 2);
        return catalog;
    }

    private static void load(TestDatabase catalog) throws Exception {
        try (Connection connection = catalog.connect()) {
            new BenchmarkData(FILES).loadCatalog(connection);
        }
    }

    private static ManagedDatabase managed(TestDatabase db, RevisionGrouping grouping) {
        return managed(db, grouping, List.of());
    }

    private static ManagedDatabase managed(TestDatabase db, RevisionGrouping grouping, List<String> extraPackages) {
        Map<String, String> settings = new HashMap<>(MigrationHarness.FIXTURE_SETTINGS);
        settings.put(RevisionGrouping.PROPERTY, grouping.name().toLowerCase(java.util.Locale.ROOT));
        return MigrationHarness.managed(NldsDatabase.CATALOG, db, settings, extraPackages);
    }

    private static List<String> appliedVersions(TestDatabase db) throws Exception {
        return Rows.column(db, "SELECT version FROM flyway_schema_history WHERE success"
                + " ORDER BY installed_rank");
    }
}
