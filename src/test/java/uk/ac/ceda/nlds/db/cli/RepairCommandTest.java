package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** {@code repair --yes} reports one line per database and exits as the other verbs do. */
class RepairCommandTest {

    private static final String HISTORY = "SELECT version || ' ' || checksum FROM flyway_schema_history"
            + " WHERE version IS NOT NULL ORDER BY installed_rank";

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    /** Both databases migrated by this build, then given the checksums the previous build recorded. */
    private static void recordedByThePreviousBuild(TestDatabase db, NldsDatabase database) throws Exception {
        for (Revision revision : RevisionChain.of(database).revisions()) {
            Rows.execute(db, "UPDATE flyway_schema_history SET checksum = " + revision.legacyChecksum()
                    + " WHERE version = '" + revision.getVersion() + "'");
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void recordsThisBuildsChecksumsThenHasNothingToDo(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        TestDatabase monitor = Backends.fresh(backend, postgres, folder);
        assertThat(BadInputTest.run(catalog, monitor, "upgrade").exitCode()).isZero();
        List<String> migrated = Rows.column(catalog, HISTORY);
        recordedByThePreviousBuild(catalog, NldsDatabase.CATALOG);
        recordedByThePreviousBuild(monitor, NldsDatabase.MONITOR);

        BadInputTest.Result repaired = BadInputTest.run(catalog, monitor, "repair", "--yes");

        String all = IntStream.rangeClosed(1, RevisionChain.head()).mapToObj(v -> "V" + v)
                .collect(Collectors.joining(", "));
        assertThat(repaired.exitCode()).as(repaired.err()).isZero();
        assertThat(repaired.out().lines()).containsExactly("catalog: recorded this build's checksums for " + all,
                "monitor: recorded this build's checksums for " + all);
        assertThat(Rows.column(catalog, HISTORY)).isEqualTo(migrated);

        BadInputTest.Result again = BadInputTest.run(catalog, monitor, "repair", "--yes", "--db=catalog");
        assertThat(again.out().lines()).containsExactly("catalog: nothing to repair");
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anEditedRevisionStopsTheRepairOfEveryDatabase(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        TestDatabase monitor = Backends.fresh(backend, postgres, folder);
        assertThat(BadInputTest.run(catalog, monitor, "upgrade").exitCode()).isZero();
        recordedByThePreviousBuild(catalog, NldsDatabase.CATALOG);
        Rows.execute(monitor, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '7'");
        List<String> catalogBefore = Rows.column(catalog, HISTORY);
        List<String> monitorBefore = Rows.column(monitor, HISTORY);

        BadInputTest.Result refused = BadInputTest.run(catalog, monitor, "repair", "--yes");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(refused.err()).hasLineCount(1).startsWith("nlds-db: monitor: V7 (State overhaul) was changed after"
                + " it was applied").contains("restore its source as it was applied; nothing was changed");
        assertThat(Rows.column(catalog, HISTORY)).as("the catalog is checked and left alone too").isEqualTo(catalogBefore);
        assertThat(Rows.column(monitor, HISTORY)).isEqualTo(monitorBefore);
    }
}
