package uk.ac.ceda.nlds.db.migration.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.JarProcess;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.ServiceProcess;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Every fixture pair the original Alembic chain made is taken over by the packaged jar, with
 * {@code --migrate-only} and on boot of the service: both at head, every row kept, the schema a
 * fresh database's, {@code alembic_version} in step.
 */
class FixtureTakeoverIT {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite-upstream-base", "sqlite-upstream-rev6", "pg-2023-base", "pg-2023-head",
            "pg-2025-base", "pg-2025-stuck-rev4"})
    void migrateOnlyTakesOverEveryFixturePair(String fixture) throws Exception {
        DatabasePair pair = load(fixture);
        Map<String, Long> counts = counts(pair);

        JarProcess.Result result = JarProcess.run(folder, pair.environment(), "--migrate-only");

        assertThat(result.exitCode()).as(result.output()).isZero();
        String head = java.util.regex.Pattern.quote(RevisionChain.headLabel());
        assertThat(result.stdout()).containsPattern("catalog: (V\\d \\(\\w+\\) -> " + head + "|at " + head + ")")
                .containsPattern("monitor: (V\\d \\(\\w+\\) -> " + head + "|at " + head + ")");
        assertTakenOver(pair, counts);
        assertThat(JarProcess.run(folder, pair.environment(), "--migrate-only").stdout())
                .contains("catalog: at " + RevisionChain.headLabel() + ", already at head")
                .contains("monitor: at " + RevisionChain.headLabel() + ", already at head");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite-upstream-rev6", "pg-2025-stuck-rev4"})
    void theServiceTakesOverAFixturePairOnBootBeforeItIsReady(String fixture) throws Exception {
        DatabasePair pair = load(fixture);
        Map<String, Long> counts = counts(pair);

        try (ServiceProcess service = ServiceProcess.start(folder, pair.environment())) {
            service.await("/actuator/health/readiness", r -> r.status() == 200, Duration.ofMinutes(2));
        }

        assertTakenOver(pair, counts);
    }

    private void assertTakenOver(DatabasePair pair, Map<String, Long> counts) throws Exception {
        assertThat(counts(pair)).isEqualTo(counts);
        for (NldsDatabase database : NldsDatabase.values()) {
            TestDatabase db = database == NldsDatabase.CATALOG ? pair.catalog() : pair.monitor();
            assertThat(Rows.column(db, "SELECT version_num FROM alembic_version")).containsExactly(RevisionChain.headAlembicId());
            assertThat(Fixtures.differencesFromFresh(db, database, RevisionChain.head(), postgres, folder)).as(database.id()).isEmpty();
        }
    }

    private DatabasePair load(String fixture) throws Exception {
        return new DatabasePair(Fixtures.load(fixture, NldsDatabase.CATALOG, postgres, folder),
                Fixtures.load(fixture, NldsDatabase.MONITOR, postgres, folder));
    }

    private static Map<String, Long> counts(DatabasePair pair) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : Fixtures.CATALOG_TABLES) {
            counts.put("catalog." + table, Rows.count(pair.catalog(), table));
        }
        for (String table : Fixtures.MONITOR_TABLES) {
            counts.put("monitor." + table, Rows.count(pair.monitor(), table));
        }
        return counts;
    }
}
