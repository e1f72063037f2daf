package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.JarProcess;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * The operator verbs as real processes on both backends, configured through the environment as in a
 * container: what only a process shows (exit codes, standard output holding only what a verb prints,
 * one line on standard error), bad input through {@code java -jar} on the jar as packaged, the rest
 * on the same jar unpacked with an AOT cache. What the verbs do, step by step, is {@link OperatorVerbsTest}.
 */
class OperatorCommandsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anEditedRevisionFailsCheckAndStopsEveryChange(Backend backend) throws Exception {
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder), folder);
        assertThat(pair.ok("upgrade", "5").stdout()).contains("catalog: V0 (empty) -> V5 (eaeeec0b5cf2) (5 revisions applied)");
        // standard output carries only what a verb prints, the log goes elsewhere: JSON that parses, a line per revision
        JsonNode current = JSON.readTree(pair.ok("current", "--json").stdout());
        assertThat(current).hasSize(2);
        assertThat(current.get(1).get("version").asInt()).isEqualTo(5);
        assertThat(pair.ok("history", "--db=catalog").stdout().lines().toList()).hasSize(1 + RevisionChain.head());
        Rows.execute(pair.catalog(), "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

        JarProcess.Result check = pair.run("check");
        assertThat(check.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(check.stdout()).contains("catalog: V3 (Add storage url fields) was changed after it was applied")
                .contains("monitor: at V5 (eaeeec0b5cf2), " + (RevisionChain.head() - 5) + " revisions pending up to head V"
                        + RevisionChain.head());

        for (String[] change : List.of(new String[] {"upgrade"}, new String[] {"downgrade", "2"})) {
            JarProcess.Result refused = pair.run(change);
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.FAILURE);
            assertThat(refused.stderr()).startsWith("nlds-db: catalog: V3 (Add storage url fields) was changed after"
                    + " it was applied").contains("nothing was changed");
        }
        assertThat(pair.ok("current").stdout()).containsPattern("monitor +V5 +eaeeec0b5cf2");
    }

    /**
     * On PostgreSQL only: what this adds to {@link BadInputTest} (every case, both backends, through
     * the same entry point in-process) is the start of the jar as packaged, which is the same for
     * either backend; the SQLite default through {@code java -jar} is {@code MigrateOnlyIT}'s.
     */
    @Test
    void badInputFromTheRealJarGetsItsExitCodeOneLineAndNoChange() throws Exception {
        Backend backend = Backend.POSTGRESQL;
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder), folder);
        pair.ok("upgrade", "4");
        String before = Rows.query(pair.catalog(), "SELECT version, checksum FROM flyway_schema_history ORDER BY 1")
                + Fixtures.inspect(pair.catalog()).toString();

        for (String[] bad : List.of(new String[] {"upgrad"}, new String[] {"upgrade", "2"},
                new String[] {"downgrade", "-x1"}, new String[] {"current", "--db=archive"}, new String[] {"stamp", "3"})) {
            JarProcess.Result result = JarProcess.runPackagedJar(folder, pair.environment(), bad);
            assertThat(result.exitCode()).as(String.join(" ", bad)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(result.stderr().lines().toList()).as(String.join(" ", bad)).singleElement().asString()
                    .startsWith("nlds-db: ");
        }
        JarProcess.Result unreachable = JarProcess.runPackagedJar(folder, Map.of("NLDS_DB_CATALOG_URL", pair.catalog().url(),
                "NLDS_DB_MONITOR_URL", "jdbc:postgresql://127.0.0.1:1/monitor"), "upgrade");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(unreachable.stderr()).startsWith("nlds-db: monitor: cannot connect to jdbc:postgresql://127.0.0.1:1/monitor");

        assertThat(Rows.query(pair.catalog(), "SELECT version, checksum FROM flyway_schema_history ORDER BY 1")
                + Fixtures.inspect(pair.catalog()).toString()).isEqualTo(before);
    }

    /** The two databases one process is pointed at, through the environment as in a container. */
    private record Pair(TestDatabase catalog, TestDatabase monitor, Path folder) {

        Map<String, String> environment() {
            return new DatabasePair(catalog, monitor).environment();
        }

        JarProcess.Result run(String... args) throws Exception {
            return JarProcess.run(folder, environment(), args);
        }

        JarProcess.Result ok(String... args) throws Exception {
            JarProcess.Result result = run(args);
            assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isZero();
            return result;
        }
    }
}
