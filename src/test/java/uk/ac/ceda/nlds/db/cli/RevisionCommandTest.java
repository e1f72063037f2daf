package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** {@code revision} on a copy of the source tree, in-process through the jar's entry point. */
class RevisionCommandTest {

    /** The version the revision command writes next. */
    private static final String NEXT = "V" + (RevisionChain.head() + 1);

    private static final String DB = "uk/ac/ceda/nlds/db/";

    @TempDir
    Path folder;

    Path sources;
    TestDatabase catalog;
    TestDatabase monitor;

    @BeforeEach
    void copySourceTree() throws IOException {
        sources = folder.resolve("java");
        for (String part : new String[] {"catalog/entity", "catalog/migration", "monitor/entity", "monitor/migration"}) {
            Path from = Path.of("src/main/java", DB, part);
            Path to = Files.createDirectories(sources.resolve(DB + part));
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
        catalog = TestDatabase.sqlite(folder.resolve("catalog.db"));
        monitor = TestDatabase.sqlite(folder.resolve("monitor.db"));
    }

    @Test
    void theRevisionsAgreeWithTheEntityModelSoAutogenerateWritesNothing() throws IOException {
        BadInputTest.Result result = revision("-m", "nothing new", "--autogenerate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("no difference between the entity model and the schema at head: nothing was written");
        assertThat(migrationFiles("catalog")).noneMatch(f -> f.startsWith(NEXT + "__"));
    }

    @Test
    void anEmptyRevisionIsWrittenForBothDatabasesAndNeverOverwritten() throws IOException {
        BadInputTest.Result result = revision("-m", "add quota table");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path catalogFile = sources.resolve(DB + "catalog/migration/" + NEXT + "__Add_quota_table.java");
        assertThat(result.out()).contains("catalog: wrote " + catalogFile).contains("monitor: wrote ");
        String written = Files.readString(catalogFile);
        assertThat(written).contains("public class " + NEXT + "__Add_quota_table extends Revision {")
                .contains("Add quota table. Written by the revision command").doesNotContain("static class")
                .as("no data step, no entity copies");

        BadInputTest.Result again = revision("-m", "something else");
        assertThat(again.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(again.err()).contains("catalog: " + catalogFile + " already exists for " + NEXT + "; nothing was written");
        assertThat(Files.readString(catalogFile)).isEqualTo(written);
        assertThat(migrationFiles("monitor")).filteredOn(f -> f.startsWith(NEXT + "__")).hasSize(1);
    }

    @Test
    void aRevisionWithADataStepCarriesTheEntitiesItUsesAndWhatTheyReferTo() throws IOException {
        BadInputTest.Result result = revision("-m", "fill urls", "--data-step=Holding");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String catalog = Files.readString(sources.resolve(DB + "catalog/migration/" + NEXT + "__Fill_urls.java"));
        // a holding has tags and transactions; nothing leads from it to files or locations
        assertThat(catalog).contains("static class Holding {", "static class Tag {", "static class Transaction {")
                .doesNotContain("static class File {", "static class Location {", "enum Storage");
        String monitor = Files.readString(sources.resolve(DB + "monitor/migration/" + NEXT + "__Fill_urls.java"));
        assertThat(monitor).as("the monitor has no Holding").doesNotContain("static class");

        BadInputTest.Result unknown = revision("-m", "other", "--data-step=Quota");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(unknown.err()).hasLineCount(1).contains("no entity class Quota in ");
    }

    @Test
    void badInputIsRefusedWithOneLine() {
        BadInputTest.Result message = revision("-m", "  !!  ");
        assertThat(message.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(message.err()).hasLineCount(1).contains("the message '  !!  ' must start with a letter");

        BadInputTest.Result noTree = BadInputTest.run(catalog, monitor, "revision", "-m", "x",
                "--source-root=" + folder.resolve("nowhere"));
        assertThat(noTree.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(noTree.err()).contains("no catalog migration folder at").contains("give --source-root");

        BadInputTest.Result notAtHead = revision("-m", "x", "--autogenerate", "--against-configured-database");
        assertThat(notAtHead.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(notAtHead.err()).contains("catalog is at V0 (empty), not at head V" + RevisionChain.head() + ": run upgrade first");

        BadInputTest.Result missing = BadInputTest.run(catalog, monitor, "revision", "--autogenerate");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(missing.err()).contains("Missing required option: '--message=MESSAGE'");
    }

    private BadInputTest.Result revision(String... args) {
        String[] all = Stream.concat(Stream.of("revision", "--source-root=" + sources), Stream.of(args))
                .toArray(String[]::new);
        return BadInputTest.run(catalog, monitor, all);
    }

    private java.util.List<String> migrationFiles(String database) throws IOException {
        try (Stream<Path> files = Files.list(sources.resolve(DB + database + "/migration"))) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
