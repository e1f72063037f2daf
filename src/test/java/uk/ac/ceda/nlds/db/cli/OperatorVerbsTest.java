package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * The operator verbs on both backends, in-process through the entry point the jar uses, one after
 * another as an operator runs them: up and down the chain, the data's round trip to revision one,
 * stamping an unversioned database. (As real processes, with the configuration in the environment
 * and the packaged jar's output: {@code OperatorCommandsIT}.)
 */
class OperatorVerbsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void upToAMiddleRevisionDownToBaseAndBackUpToHead(Backend backend) throws Exception {
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder), folder);

        // a SQLite file that does not exist yet is missing (check creates nothing), an empty server database pending
        assertThat(pair.run("check").exitCode())
                .isEqualTo(backend == Backend.SQLITE ? ExitCode.FAILURE : ExitCode.PENDING);
        assertThat(pair.ok("upgrade", "4").out()).contains("catalog: V0 (empty) -> V4 (fa9f4b687d19) (4 revisions applied)")
                .contains("monitor: V0 (empty) -> V4 (fa9f4b687d19) (4 revisions applied)");

        JsonNode current = JSON.readTree(pair.ok("current", "--json").out());
        assertThat(current).hasSize(2);
        assertThat(current.get(0).get("database").asString()).isEqualTo("catalog");
        assertThat(current.get(0).get("version").asInt()).isEqualTo(4);
        assertThat(current.get(0).get("alembicId").asString()).isEqualTo("fa9f4b687d19");
        assertThat(current.get(1).get("pending").asInt()).isEqualTo(RevisionChain.head() - 4);

        String history = pair.ok("history", "--db=catalog").out();
        assertThat(history.lines().toList()).hasSize(1 + RevisionChain.head());
        assertThat(history).containsPattern("catalog +V3 +ee82dd99bfc0 +Add storage url fields +Success +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+ ms")
                .containsPattern("catalog +V5 +eaeeec0b5cf2 +Archive workflow states +Pending\n")
                .doesNotContain("monitor");

        assertThat(pair.ok("upgrade", "+2").out()).contains("catalog: V4 (fa9f4b687d19) -> V6 (f1f20ae58def)");
        assertThat(pair.ok("downgrade", "-1").out()).contains("catalog: V6 (f1f20ae58def) -> V5 (eaeeec0b5cf2) (1 revision reverted)");
        assertThat(pair.ok("downgrade", "base").out()).contains("monitor: V5 (eaeeec0b5cf2) -> V0 (empty) (5 revisions reverted)");
        assertThat(Fixtures.inspect(pair.catalog()).tables()).containsOnlyKeys("flyway_schema_history", "alembic_version");
        assertThat(Rows.column(pair.catalog(), "SELECT version_num FROM alembic_version")).as("Alembic's base").isEmpty();
        assertThat(pair.ok("current").out()).containsPattern("catalog +V0 +empty +" + RevisionChain.head() + " pending");

        assertThat(pair.ok("upgrade").out()).contains("catalog: V0 (empty) -> " + RevisionChain.headLabel() + " (" + RevisionChain.head() + " revisions applied)");
        assertThat(pair.run("check").exitCode()).isEqualTo(ExitCode.OK);
        for (NldsDatabase database : NldsDatabase.values()) {
            assertThat(Fixtures.differencesFromFresh(pair.of(database), database, RevisionChain.head(), postgres, folder)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void theFullChainDataSurvivesARoundTripToRevisionOne(Backend backend) throws Exception {
        String fixture = backend == Backend.SQLITE ? "sqlite-upstream-base" : "pg-2023-base";
        Pair pair = new Pair(Fixtures.load(fixture, NldsDatabase.CATALOG, postgres, folder),
                Fixtures.load(fixture, NldsDatabase.MONITOR, postgres, folder), folder);
        pair.ok("upgrade");
        String catalogAtHead = Rows.dump(pair.catalog(), Fixtures.CATALOG_TABLES);
        String monitorAtHead = Rows.dump(pair.monitor(), Fixtures.MONITOR_TABLES);

        assertThat(pair.ok("downgrade", "991b6f8cf6be").out())
                .contains("catalog: " + RevisionChain.headLabel() + " -> V1 (991b6f8cf6be) (" + (RevisionChain.head() - 1)
                        + " revisions reverted)");
        assertThat(Rows.column(pair.monitor(), "SELECT version_num FROM alembic_version")).containsExactly("991b6f8cf6be");
        assertThat(pair.run("check").exitCode()).isEqualTo(ExitCode.PENDING);
        pair.ok("upgrade", "head");

        // the documented reverse maps that merge labels: revision 8 takes UNINDEXED to NOT_RECOGNISED, revision 7
        // TRANSFER_INIT to INITIALISING; every other value comes back exactly as it was
        if (backend == Backend.SQLITE) {
            assertThat(catalogAtHead).contains("path_type=UNINDEXED");
            assertThat(monitorAtHead).contains("state=TRANSFER_INIT");
        }
        assertThat(Rows.dump(pair.catalog(), Fixtures.CATALOG_TABLES))
                .isEqualTo(catalogAtHead.replace("path_type=UNINDEXED", "path_type=NOT_RECOGNISED"));
        assertThat(Rows.dump(pair.monitor(), Fixtures.MONITOR_TABLES))
                .isEqualTo(monitorAtHead.replace("state=TRANSFER_INIT", "state=INITIALISING"));
        assertThat(pair.run("check").exitCode()).isEqualTo(ExitCode.OK);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anUnversionedDatabaseIsStampedThenUpgraded(Backend backend) throws Exception {
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder), folder);
        pair.ok("upgrade", "4", "--db=catalog");
        Rows.execute(pair.catalog(), "DROP TABLE flyway_schema_history", "DROP TABLE alembic_version");
        assertThat(pair.ok("current", "--db=catalog").out()).contains("tables without history");

        BadInputTest.Result wrong = pair.run("stamp", "6", "--yes", "--db=catalog");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(wrong.err()).startsWith("nlds-db: catalog: the schema does not look like V6 (f1f20ae58def)");

        assertThat(pair.ok("stamp", "fa9f4b687d19", "--yes", "--db=catalog").out())
                .contains("catalog: stamped V4 (fa9f4b687d19) (was unversioned (tables without history))");
        assertThat(pair.ok("upgrade").out()).contains("catalog: V4 (fa9f4b687d19) -> " + RevisionChain.headLabel())
                .contains("monitor: V0 (empty) -> V" + RevisionChain.head());
        assertThat(pair.run("check").exitCode()).isEqualTo(ExitCode.OK);
    }

    /** The two databases one command is pointed at, with the settings revision 3 needs. */
    private record Pair(TestDatabase catalog, TestDatabase monitor, Path folder) {

        TestDatabase of(NldsDatabase database) {
            return database == NldsDatabase.CATALOG ? catalog : monitor;
        }

        BadInputTest.Result run(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            MigrationHarness.FIXTURE_SETTINGS.forEach((property, value) -> all.add("--" + property + "=" + value));
            return BadInputTest.run(catalog, monitor, all.toArray(String[]::new));
        }

        BadInputTest.Result ok(String... args) {
            BadInputTest.Result result = run(args);
            assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.out() + result.err()).isZero();
            return result;
        }
    }
}
