package uk.ac.ceda.nlds.db.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.DatabaseMigrator;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;
import uk.ac.ceda.nlds.db.startup.MigrationFailedException;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * A database migrated by the build before the meaning checksum carries that build's checksums:
 * this build accepts them, rewrites them on its next upgrade or on {@code repair}, and still
 * refuses a revision that was really changed.
 */
class RevisionRepairTest {

    private static final String HISTORY = "SELECT version || ' | ' || checksum || ' | '"
            + " || CASE WHEN success THEN 'ok' ELSE 'failed' END FROM flyway_schema_history"
            + " WHERE version IS NOT NULL ORDER BY installed_rank";

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    /** A catalog at head whose history holds the checksums the previous build recorded. */
    private ManagedDatabase migratedByThePreviousBuild(TestDatabase db) throws Exception {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, db);
        MigrationHarness.migrateToHead(catalog);
        for (Revision revision : catalog.revisions().revisions()) {
            Rows.execute(db, "UPDATE flyway_schema_history SET checksum = " + revision.legacyChecksum()
                    + " WHERE version = '" + revision.getVersion() + "'");
        }
        return catalog;
    }

    private static List<String> expectedHistory(ManagedDatabase catalog) {
        return catalog.revisions().revisions().stream().map(r -> r.getVersion() + " | " + r.getChecksum() + " | ok")
                .toList();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void legacyChecksumsOfTheSameSourceAreAcceptedAndRewrittenByTheNextUpgrade(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = migratedByThePreviousBuild(db);
        assertThat(Rows.column(db, HISTORY)).isNotEqualTo(expectedHistory(catalog));

        assertThat(DatabaseStatus.read(catalog).problems()).isEmpty();
        assertThat(DatabaseMigrator.migrate(catalog).after()).isEqualTo(RevisionChain.headLabel());

        assertThat(Rows.column(db, HISTORY)).isEqualTo(expectedHistory(catalog));
        catalog.flyway().validate();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void repairRecordsThisBuildsChecksumsAndRemovesFailedRows(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = migratedByThePreviousBuild(db);
        int head = RevisionChain.head();
        Rows.execute(db, "UPDATE flyway_schema_history SET success = " + (backend == Backend.SQLITE ? "0" : "false")
                + " WHERE version = '" + head + "'");
        assertThat(DatabaseStatus.read(catalog).problems()).singleElement().asString()
                .contains("failed part-way and is recorded as failed");

        var repaired = RevisionRepair.run(catalog);

        assertThat(repaired.legacy()).hasSize(head - 1);
        assertThat(repaired.failed()).singleElement().extracting(r -> r.version()).isEqualTo(head);
        assertThat(DatabaseStatus.read(catalog).problems()).isEmpty();
        assertThat(DatabaseMigrator.currentVersion(catalog)).isEqualTo(head - 1);
        assertThat(RevisionRepair.plan(catalog).nothingToDo()).isTrue();
        DatabaseMigrator.migrate(catalog);
        assertThat(Rows.column(db, HISTORY)).isEqualTo(expectedHistory(catalog));
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aRevisionChangedAfterItWasAppliedIsNeitherAcceptedNorRepaired(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        ManagedDatabase catalog = migratedByThePreviousBuild(db);
        Rows.execute(db, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");
        List<String> before = Rows.column(db, HISTORY);

        assertThat(DatabaseStatus.read(catalog).problems()).singleElement().asString()
                .startsWith("V3 (Add storage url fields) was changed after it was applied");
        assertThatThrownBy(() -> RevisionRepair.run(catalog)).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("catalog: V3 (Add storage url fields) was changed after it was applied")
                .hasMessageEndingWith("; nothing was changed");
        assertThatThrownBy(() -> DatabaseMigrator.migrate(catalog)).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("V3 (Add storage url fields) was changed after it was applied");

        assertThat(Rows.column(db, HISTORY)).isEqualTo(before);
    }
}
