package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.cli.BadInputTest.Result;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.NldsReference;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;

/**
 * What the reading verbs say. Reading never creates: {@code current}, {@code history} and
 * {@code check} on a SQLite file that does not exist report it missing and leave no file or folder
 * behind; only {@code upgrade} creates the database. A target no revision has is refused before
 * anything connects. An adopted database shows its baseline once; counts read as English.
 */
class ReadingVerbsTest {

    @TempDir
    Path folder;

    @Test
    void readingVerbsReportAMissingFileAndCreateNothing() {
        String catalog = "jdbc:sqlite:" + folder.resolve("nowhere/catalog.db");
        String monitor = "jdbc:sqlite:" + folder.resolve("nowhere/monitor.db");

        Result current = BadInputTest.run(catalog, monitor, "current");
        assertThat(current.exitCode()).as(current.err()).isEqualTo(ExitCode.OK);
        assertThat(current.out()).containsPattern("catalog +V0 .*missing: no database file at "
                + folder.resolve("nowhere/catalog.db"));

        Result history = BadInputTest.run(catalog, monitor, "history", "--db=monitor");
        assertThat(history.exitCode()).as(history.err()).isEqualTo(ExitCode.OK);
        assertThat(history.out()).containsPattern("monitor +V" + RevisionChain.head() + " .*Pending");

        Result check = BadInputTest.run(catalog, monitor, "check");
        assertThat(check.exitCode()).as("a missing database is not at head").isEqualTo(ExitCode.FAILURE);
        assertThat(check.out()).contains("catalog: no database file at " + folder.resolve("nowhere/catalog.db"));

        Result downgrade = BadInputTest.run(catalog, monitor, "downgrade", "base");
        assertThat(downgrade.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(downgrade.err()).startsWith("nlds-db: catalog: no database file at ").hasLineCount(1);

        assertThat(folder.resolve("nowhere")).as("nothing created").doesNotExist();

        Result upgrade = BadInputTest.run(catalog, monitor, "upgrade");
        assertThat(upgrade.exitCode()).as(upgrade.err()).isEqualTo(ExitCode.OK);
        assertThat(folder.resolve("nowhere/catalog.db")).exists();
    }

    @Test
    void aTargetNoRevisionHasIsRefusedBeforeConnecting() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/nlds";

        Result result = BadInputTest.run(unreachable, unreachable.replace("nlds", "other"), "upgrade", "42");

        assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).isEqualToIgnoringNewLines("nlds-db: catalog: V42 does not exist, this build knows"
                + " V0 (base) to V" + RevisionChain.head() + " (head)");
    }

    @Test
    void anAdoptedDatabaseShowsItsBaselineOnceAndSqliteRecordsWhoAppliedEachRevision() throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        for (String database : List.of("catalog", "monitor")) {
            Files.copy(NldsReference.root().resolve("fixtures/sqlite-upstream-base/" + database + ".db"),
                    data.resolve(database + ".db"));
        }
        String catalog = "jdbc:sqlite:" + data.resolve("catalog.db");
        String monitor = "jdbc:sqlite:" + data.resolve("monitor.db");
        assertThat(BadInputTest.run(catalog, monitor, "upgrade", String.valueOf(RevisionChain.head() - 1),
                "--nlds.migration.default-tenancy=nlds-tenancy.example.org",
                "--nlds.migration.default-tape-url=root://tape.example.org//eos/nlds")
                .exitCode()).isEqualTo(ExitCode.OK);

        Result history = BadInputTest.run(catalog, monitor, "history", "--db=catalog");
        List<String> v1 = history.out().lines().filter(l -> l.matches("catalog +V1 .*")).toList();
        assertThat(v1).singleElement().asString().contains("Adopted from Alembic 991b6f8cf6be").contains("Baseline");
        assertThat(history.out()).doesNotContain("Ignored").containsPattern(
                "catalog +V2 .* ms +" + Pattern.quote(System.getProperty("user.name")) + "\\s*\\n");

        Result check = BadInputTest.run(catalog, monitor, "check");
        assertThat(check.exitCode()).isEqualTo(ExitCode.PENDING);
        assertThat(check.out()).contains("catalog: at " + RevisionChain.label(RevisionChain.head() - 1)
                + ", 1 revision pending up to head V" + RevisionChain.head());
    }
}
