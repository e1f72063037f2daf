package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.JarProcess;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;

/**
 * Every expected failure, in each way the jar runs (the service, {@code --migrate-only} and the
 * {@code upgrade} verb), is one {@code nlds-db: …} line saying what is wrong and what to do, with
 * the README's exit code: 2 for bad configuration, 1 for what a database did. Nothing beside it
 * repeats the failure (see {@link JarProcess.Result#oneLineFailure()}). {@code --migrate-only}'s
 * database failures are {@link uk.ac.ceda.nlds.db.faults.FaultsIT}'s and its unreachable database
 * {@link uk.ac.ceda.nlds.db.MigrateOnlyIT}'s, the same runs asserted for one line there as well as
 * for the databases left unchanged, so they are not started a second time here.
 */
class OneLineFailureIT {

    private static final String FAILING = "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.runtime.failing.migration";

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    /** The three ways the jar runs: the service (on a free port), the one-shot, and a verb. */
    enum Mode {
        SERVICE("--server.port=0", "--management.server.port=0"), MIGRATE_ONLY("--migrate-only"), UPGRADE("upgrade");

        final String[] arguments;

        Mode(String... arguments) {
            this.arguments = arguments;
        }

        /** These arguments with {@code more} after them. */
        String[] with(String... more) {
            return Stream.concat(Stream.of(arguments), Stream.of(more)).toArray(String[]::new);
        }
    }

    static Stream<Arguments> modes() {
        return Stream.of(Mode.values()).map(Arguments::of);
    }

    /** The modes whose database failures are not already run as processes by another class (see above). */
    static Stream<Arguments> modesBesideMigrateOnly() {
        return Stream.of(Mode.SERVICE, Mode.UPGRADE).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void badConfigurationIsOneLineAndExitTwo(Mode mode) throws Exception {
        String sqlite = "jdbc:sqlite:" + folder.resolve("data/monitor.db");
        Map<String, Map<String, String>> cases = new java.util.LinkedHashMap<>();
        cases.put("nlds.db.catalog.url: unsupported database URL 'jdbc:mysql://127.0.0.1/nlds'",
                Map.of("NLDS_DB_CATALOG_URL", "jdbc:mysql://127.0.0.1/nlds", "NLDS_DB_MONITOR_URL", sqlite));
        cases.put("nlds.db.catalog.url (NLDS_DB_CATALOG_URL) is set but blank: unset it for the default"
                + " jdbc:sqlite:data/catalog.db, or give a JDBC URL",
                Map.of("NLDS_DB_CATALOG_URL", "", "NLDS_DB_MONITOR_URL", sqlite));
        cases.put("nlds.db.catalog.url and nlds.db.monitor.url name the same SQLite file",
                Map.of("NLDS_DB_CATALOG_URL", sqlite, "NLDS_DB_MONITOR_URL", sqlite));
        cases.put("nlds.db.catalog.url: cannot create the folder /proc/nlds",
                Map.of("NLDS_DB_CATALOG_URL", "jdbc:sqlite:/proc/nlds/catalog.db", "NLDS_DB_MONITOR_URL", sqlite));
        for (Map.Entry<String, Map<String, String>> bad : cases.entrySet()) {
            JarProcess.Result result = JarProcess.run(folder, bad.getValue(), mode.with());

            assertThat(result.oneLineFailure()).as(mode + ": " + bad.getKey()).startsWith("nlds-db: " + bad.getKey());
            assertThat(result.exitCode()).as(mode + ": " + bad.getKey()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(folder.resolve("data")).as("nothing created for " + bad.getKey()).doesNotExist();
        }
    }

    @ParameterizedTest
    @MethodSource("modesBesideMigrateOnly")
    void anUnreachableDatabaseIsOneLineAfterTheWait(Mode mode) throws Exception {
        JarProcess.Result result = JarProcess.run(folder, Map.of("NLDS_DB_CATALOG_URL",
                "jdbc:postgresql://127.0.0.1:1/nlds", "NLDS_DB_STARTUPWAIT", "1s"), mode.with());

        assertThat(result.oneLineFailure()).startsWith("nlds-db: catalog: cannot connect to jdbc:postgresql://127.0.0.1:1/nlds")
                .contains("check nlds.db.catalog.url");
        if (mode != Mode.UPGRADE) { // a start waits for the database; a command an operator runs fails at once
            assertThat(result.oneLineFailure()).contains("gave up after");
        }
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
    }

    @ParameterizedTest
    @MethodSource("modesBesideMigrateOnly")
    void whatADatabaseRefusesIsOneLineAndExitOne(Mode mode) throws Exception {
        List<String> failures = new ArrayList<>();

        DatabasePair failing = atHead(Backend.SQLITE, "failing");
        failures.add(JarProcess.runWithTestClasses(folder, failing.environment(), mode.with(FAILING))
                .oneLineFailure());

        DatabasePair ahead = atHead(Backend.SQLITE, "ahead");
        Rows.execute(ahead.catalog(), "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, installed_on, execution_time, success) VALUES (100, '"
                + (RevisionChain.head() + 1) + "', 'Add quotas', 'JDBC', 'V" + (RevisionChain.head() + 1)
                + "__Add_quotas', 1, 'newer', CURRENT_TIMESTAMP, 5, 1)");
        failures.add(JarProcess.run(folder, ahead.environment(), mode.with()).oneLineFailure());

        DatabasePair edited = atHead(Backend.SQLITE, "edited");
        Rows.execute(edited.monitor(), "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '7'");
        failures.add(JarProcess.run(folder, edited.environment(), mode.with()).oneLineFailure());

        DatabasePair refused = DatabasePair.fresh(Backend.SQLITE, postgres, folder.resolve("refused"));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, refused.catalog()), 2);
        Rows.execute(refused.catalog(), "INSERT INTO holding (id, label, \"user\", \"group\") VALUES (1, 'h', 'u', 'g')",
                "INSERT INTO \"transaction\" (id, transaction_id, holding_id) VALUES (1, 't', 1)",
                "INSERT INTO file (id, transaction_id) VALUES (1, 1)",
                "INSERT INTO location (id, storage_type, root, path, file_id) VALUES (1, 'TAPE', 'r', 'p', 1)");
        Map<String, String> environment = new HashMap<>(refused.environment());
        environment.put("NLDS_MIGRATION_DEFAULTTAPEURL", "https://tape.example.org/eos");
        failures.add(JarProcess.run(folder, environment, mode.with()).oneLineFailure());

        assertThat(failures).satisfiesExactly(
                line -> assertThat(line).startsWith("nlds-db: catalog: revision V10 (0000000000bb) failed, the database"
                        + " is at " + RevisionChain.headLabel() + ": test revision failed after changing the schema"),
                line -> assertThat(line).startsWith("nlds-db: catalog: V" + (RevisionChain.head() + 1) + " (Add quotas)"
                        + " is applied but this build knows only V1 to V" + RevisionChain.head()
                        + ": run a newer nlds-db; nothing was changed"),
                line -> assertThat(line).startsWith("nlds-db: monitor: V7 (State overhaul) was changed after it was"
                        + " applied"),
                line -> assertThat(line).startsWith("nlds-db: catalog: revision V3 (ee82dd99bfc0) failed, the database"
                        + " is at V2 (bf09ce0d6899): ").contains("https://tape.example.org/eos"));
    }

    private DatabasePair atHead(Backend backend, String name) throws Exception {
        DatabasePair pair = DatabasePair.fresh(backend, postgres, Files.createDirectories(folder.resolve(name)));
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.CATALOG, pair.catalog()), RevisionChain.head());
        MigrationHarness.migrateTo(MigrationHarness.managed(NldsDatabase.MONITOR, pair.monitor()), RevisionChain.head());
        return pair;
    }
}
