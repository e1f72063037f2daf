package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.ac.ceda.nlds.db.cli.BadInputTest.Result;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.plan.Rehearsal;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * {@code plan} on both backends: what it shows for an empty database, an Alembic-managed fixture, one
 * at head, one missing revision 3's settings and ones it would refuse; its JSON form; its exit codes;
 * and that it never changes a database (whole-database digests before and after).
 */
class PlanCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anEmptyDatabasePlansEveryRevisionAndStaysEmpty(Backend backend) throws Exception {
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder));
        String before = pair.snapshot();

        Result result = pair.run(Map.of(), "plan", "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.OK);
        JsonNode catalog = JSON.readTree(result.out()).get("databases").get(0);
        assertThat(catalog.get("from").asString()).isEqualTo("V0 (empty)");
        assertThat(catalog.get("target").asString()).isEqualTo("V9 (82701862649a)");
        assertThat(catalog.get("adoption").isNull()).isTrue();
        assertThat(catalog.get("revisions")).hasSize(9);
        JsonNode first = catalog.get("revisions").get(0);
        assertThat(descriptions(first)).contains("create table holding", "create table file", "create table location");
        assertThat(catalog.get("summary").asString()).startsWith("catalog: 9 revisions, 0 rows to rewrite, ");
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anAlembicFixtureIsAdoptedThenEachStepShowsItsLockRowsAndSettings(Backend backend) throws Exception {
        Pair pair = Pair.fixture(backend, postgres, folder);
        String before = pair.snapshot();
        long urlRows = Rows.count(pair.catalog(), "location");

        Result result = pair.run(MigrationHarness.FIXTURE_SETTINGS, "plan", "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.OK);
        JsonNode plan = JSON.readTree(result.out());
        JsonNode catalog = plan.get("databases").get(0);
        assertThat(catalog.get("from").asString()).isEqualTo("V1 (991b6f8cf6be)");
        assertThat(catalog.get("adoption").asString()).isEqualTo("Alembic-managed, adopted there first");
        assertThat(catalog.get("revisions")).hasSize(8);

        JsonNode v3 = revision(catalog, 3);
        JsonNode fill = step(v3, "fill location URLs");
        assertThat(fill.get("kind").asString()).isEqualTo("data");
        assertThat(fill.get("table").asString()).isEqualTo("location");
        assertThat(fill.get("rows").asLong()).isEqualTo(urlRows);
        assertThat(fill.get("rowsExact").asBoolean()).isTrue();
        assertThat(v3.get("settings").toString()).contains("{\"property\":\"nlds.migration.default-tape-url\",\"set\":true}")
                .contains("{\"property\":\"nlds.migration.default-tenancy\",\"set\":true}");
        assertThat(v3.get("refused").isNull()).isTrue();

        JsonNode pathTypes = revision(catalog, 8).get("steps").get(0);
        assertThat(pathTypes.get("table").asString()).isEqualTo("file");
        assertThat(pathTypes.get("rows").asLong()).isEqualTo(Rows.count(pair.catalog(), "file"));
        if (backend == Backend.POSTGRESQL) {
            assertThat(pathTypes.get("lock").asString()).isEqualTo("ACCESS EXCLUSIVE");
            assertThat(pathTypes.get("work").asString()).isEqualTo("rewrites the table and its indexes");
            assertThat(pathTypes.get("statements").toString()).contains("ALTER TABLE \\\"file\\\" ALTER COLUMN"
                    + " \\\"path_type\\\" TYPE \\\"pathtype\\\" USING (CASE");
            assertThat(step(v3, "alter column url_scheme: set NOT NULL").get("work").asString())
                    .isEqualTo("scans every row");
        } else {
            assertThat(pathTypes.get("description").asString()).startsWith("rebuild: convert path_type");
            assertThat(pathTypes.get("work").asString()).startsWith("rebuilds the table");
            assertThat(step(v3, "add column url_scheme VARCHAR (nullable)").get("work").asString())
                    .isEqualTo("in place, no rebuild");
        }
        assertThat(plan.get("seconds").asDouble()).isPositive();
        assertThat(catalog.get("seconds").asDouble()).isEqualTo(sum(catalog.get("revisions")), org.assertj.core.data.Offset.offset(0.01));
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void missingSettingsShowAsTheRefusalRevisionThreeWouldMakeAllAtOnce(Backend backend) throws Exception {
        Pair pair = Pair.fixture(backend, postgres, folder); // object-store and tape locations
        String before = pair.snapshot();

        Result result = pair.run(Map.of(), "plan", "--db=catalog");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.out()).contains("V3 (ee82dd99bfc0) Add storage url fields")
                .contains("reads nlds.migration.default-tape-url (not set), nlds.migration.default-tenancy (not set)")
                .contains("WOULD REFUSE: nlds.migration.default-tenancy is not set, but ")
                .contains("; nlds.migration.default-tape-url is not set, but ")
                .contains("V9 (82701862649a) Split state");
        assertThat(result.out()).doesNotContain(Rehearsal.STAND_IN);
        assertThat(result.err()).hasLineCount(1).startsWith("nlds-db: the migration would refuse: catalog: V3: "
                + "nlds.migration.default-tenancy is not set");
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void theJsonNamesOnlyTheSettingsARevisionRefusesWithout(Backend backend) throws Exception {
        Pair pair = Pair.fixture(backend, postgres, folder);

        JsonNode both = JSON.readTree(pair.run(Map.of(), "plan", "--db=catalog", "--json").out());
        JsonNode tenancyOnly = JSON.readTree(pair.run(Map.of("nlds.migration.default-tape-url",
                "root://tape.example.org//eos/nlds"), "plan", "--db=catalog", "--json").out());
        JsonNode neither = JSON.readTree(pair.run(MigrationHarness.FIXTURE_SETTINGS, "plan", "--db=catalog",
                "--json").out());

        assertThat(revision(both.get("databases").get(0), 3).get("missingSettings").toString())
                .isEqualTo("[\"nlds.migration.default-tape-url\",\"nlds.migration.default-tenancy\"]");
        assertThat(revision(tenancyOnly.get("databases").get(0), 3).get("missingSettings").toString())
                .isEqualTo("[\"nlds.migration.default-tenancy\"]");
        assertThat(revision(tenancyOnly.get("databases").get(0), 3).get("refused").asString())
                .doesNotContain("default-tape-url");
        assertThat(revision(neither.get("databases").get(0), 3).get("missingSettings").toString()).isEqualTo("[]");
        assertThat(revision(neither.get("databases").get(0), 3).get("refused").isNull()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void upgradeNamesEverySettingThePendingRevisionsNeedBeforeAnyRuns(Backend backend) throws Exception {
        Pair pair = Pair.fixture(backend, postgres, folder);
        String before = pair.snapshot();

        Result result = pair.run(Map.of(), "upgrade");

        assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).containsOnlyOnce("nlds-db: ").contains("nlds-db: settings the pending revisions need"
                + " are not set, nothing was migrated: catalog V3 (ee82dd99bfc0): nlds.migration.default-tenancy"
                + " is not set, but ").contains("; nlds.migration.default-tape-url is not set, but ");
        assertThat(result.err().lines().filter(line -> line.startsWith("nlds-db: "))).hasSize(1);
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aDataCheckOfARevisionRefusesInThePlanAsItWouldInTheMigration(Backend backend) throws Exception {
        Pair pair = Pair.fixture(backend, postgres, folder);
        Rows.execute(pair.catalog(), "INSERT INTO location (id, storage_type, root, path, access_time, file_id)"
                + " SELECT 1000, storage_type, root, path || '.copy', access_time, file_id FROM location WHERE id = 1");
        String before = pair.snapshot();

        Result result = pair.run(MigrationHarness.FIXTURE_SETTINGS, "plan", "--db=catalog", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        JsonNode catalog = JSON.readTree(result.out()).get("databases").get(0);
        assertThat(revision(catalog, 4).get("refused").asString())
                .startsWith("1 files have more than one location of the same storage type");
        assertThat(revision(catalog, 5).get("refused").isNull()).isTrue();
        assertThat(result.err()).hasLineCount(1).contains("catalog: V4: 1 files have more than one location");
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    /** SQLite only: a PostgreSQL enum column cannot hold a label outside its type. */
    @Test
    void aLabelNoConversionInTheChainMapsIsRefusedAtTheRevisionThatMeetsIt() throws Exception {
        Pair pair = Pair.fixture(Backend.SQLITE, postgres, folder);
        Rows.execute(pair.monitor(), "UPDATE sub_record SET state = 'LOST_IN_SPACE' WHERE id = (SELECT MIN(id) FROM sub_record)");
        String before = pair.snapshot();

        Result result = pair.run(Map.of(), "plan", "--db=monitor", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        JsonNode monitor = JSON.readTree(result.out()).get("databases").get(0);
        assertThat(revision(monitor, 5).get("refused").asString()).startsWith("sub_record.state holds labels with no"
                + " equivalent in state").contains("LOST_IN_SPACE (1 rows)");
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anAlembicRevisionThisBuildDoesNotKnowIsRefusedBeforeAnything(Backend backend) throws Exception {
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder));
        Rows.execute(pair.catalog(), "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
                "INSERT INTO alembic_version VALUES ('deadbeef0000')");
        String before = pair.snapshot();

        Result result = pair.run(Map.of(), "plan");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.out()).contains("catalog (" + backend.name() + ", ")
                .contains("refused: alembic_version holds 'deadbeef0000', which is not an NLDS revision");
        assertThat(result.out()).contains("monitor: 9 revisions");
        assertThat(result.err()).hasLineCount(1).startsWith("nlds-db: the migration would refuse: catalog: ");
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void atHeadThereIsNothingToDo(Backend backend) throws Exception {
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()), 9);
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()), 9);
        String before = pair.snapshot();

        Result result = pair.run(Map.of(), "plan", "--max-duration=1ms");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).contains("catalog: at the target, nothing to do")
                .contains("monitor: at the target, nothing to do");
        assertThat(pair.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anEstimateLongerThanMaxDurationExitsFour(Backend backend) throws Exception {
        Pair pair = Pair.fixture(backend, postgres, folder);

        Result tooLong = pair.run(MigrationHarness.FIXTURE_SETTINGS, "plan", "--max-duration=1ms");
        Result enough = pair.run(MigrationHarness.FIXTURE_SETTINGS, "plan", "--max-duration", "30m", "--json");

        assertThat(tooLong.exitCode()).as(tooLong.err()).isEqualTo(ExitCode.TOO_LONG);
        assertThat(tooLong.err()).hasLineCount(1).startsWith("nlds-db: the estimate (")
                .contains(") is longer than --max-duration 1ms:");
        assertThat(enough.exitCode()).as(enough.err()).isEqualTo(ExitCode.OK);
        JsonNode plan = JSON.readTree(enough.out());
        assertThat(plan.get("maxDuration").asString()).isEqualTo("30m");
        assertThat(plan.get("withinMaxDuration").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void badInputIsOneLineAndExitTwo(Backend backend) throws Exception {
        Pair pair = new Pair(Backends.fresh(backend, postgres, folder), Backends.fresh(backend, postgres, folder));

        Result duration = pair.run(Map.of(), "plan", "--max-duration=soon");
        Result backwards = pair.run(Map.of(), "plan", "base");

        assertThat(duration.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(duration.err()).hasLineCount(1).contains("'soon' is not a duration: give one like 30m, 90s, 500ms");
        assertThat(backwards.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(backwards.err()).hasLineCount(1).contains("plan goes forward only; to go back to base use: downgrade base");
    }

    /** The JSON form README documents: these names, no more and no fewer. */
    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void theJsonFormIsTheDocumentedOne(Backend backend) throws Exception {
        Pair pair = Pair.fixture(backend, postgres, folder);

        JsonNode plan = JSON.readTree(pair.run(MigrationHarness.FIXTURE_SETTINGS, "plan", "--json").out());

        assertThat(names(plan)).containsExactly("databases", "maxDuration", "seconds", "withinMaxDuration");
        JsonNode catalog = plan.get("databases").get(0);
        assertThat(names(catalog)).containsExactly("adoption", "backend", "database", "from", "fromVersion", "refused",
                "revisions", "seconds", "summary", "tables", "target", "targetVersion", "url");
        JsonNode v3 = revision(catalog, 3);
        assertThat(names(v3)).containsExactly("alembicId", "description", "missingSettings", "refused", "seconds",
                "settings", "steps", "version");
        assertThat(names(v3.get("steps").get(0))).containsExactly("description", "kind", "lock", "rows", "rowsExact",
                "seconds", "statements", "table", "work");
        assertThat(names(v3.get("settings").get(0))).containsExactly("property", "set");
        assertThat(names(catalog.get("tables").get(0))).containsExactly("exact", "foreignKeyRows", "heapBytes",
                "indexes", "rows", "table", "totalBytes");
        if (backend == Backend.POSTGRESQL) {
            assertThat(names(v3.get("steps").get(0).get("statements").get(0))).containsExactly("lock", "sql", "work");
        }
    }

    private static Set<String> names(JsonNode node) {
        return new TreeSet<>(node.propertyNames());
    }

    private static JsonNode revision(JsonNode database, int version) {
        for (JsonNode revision : database.get("revisions")) {
            if (revision.get("version").asInt() == version) {
                return revision;
            }
        }
        throw new AssertionError("no V" + version + " in " + database);
    }

    private static JsonNode step(JsonNode revision, String description) {
        for (JsonNode step : revision.get("steps")) {
            if (step.get("description").asString().equals(description)) {
                return step;
            }
        }
        throw new AssertionError("no step '" + description + "' in " + descriptions(revision));
    }

    private static List<String> descriptions(JsonNode revision) {
        List<String> descriptions = new ArrayList<>();
        revision.get("steps").forEach(step -> descriptions.add(step.get("description").asString()));
        return descriptions;
    }

    private static double sum(JsonNode revisions) {
        double seconds = 0;
        for (JsonNode revision : revisions) {
            seconds += revision.get("seconds").asDouble();
        }
        return seconds;
    }

    record Pair(TestDatabase catalog, TestDatabase monitor) {

        static Pair fixture(Backend backend, PostgresDatabases postgres, Path folder) throws Exception {
            String fixture = backend == Backend.SQLITE ? "sqlite-upstream-base" : "pg-2023-base";
            return new Pair(Fixtures.load(fixture, NldsDatabase.CATALOG, postgres, folder),
                    Fixtures.load(fixture, NldsDatabase.MONITOR, postgres, folder));
        }

        Result run(Map<String, String> settings, String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            settings.forEach((property, value) -> all.add("--" + property + "=" + value));
            return BadInputTest.run(catalog, monitor, all.toArray(String[]::new));
        }

        /** Every table's schema and rows, of both databases: a plan must leave them exactly so. */
        String snapshot() throws Exception {
            StringBuilder snapshot = new StringBuilder();
            for (TestDatabase db : List.of(catalog, monitor)) {
                var schema = Fixtures.inspect(db);
                snapshot.append(schema).append('\n')
                        .append(Rows.digest(db, schema.tables().keySet().toArray(String[]::new))).append('\n');
            }
            return snapshot.toString();
        }
    }
}
