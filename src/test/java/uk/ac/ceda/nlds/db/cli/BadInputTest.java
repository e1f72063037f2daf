package uk.ac.ceda.nlds.db.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.Fixtures;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.RevisionChain;
import uk.ac.ceda.nlds.db.testsupport.Rows;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * Every kind of bad input gets its exit code, one line on standard error naming the problem, and
 * no change to either database. (In-process, through the same entry point the jar uses.)
 */
class BadInputTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    record Case(String expectedError, int exitCode, String... args) {
    }

    static Stream<Case> cases() {
        int head = RevisionChain.head();
        String known = "this build knows V0 (base) to V" + head;
        return Stream.of(
                new Case("unknown command 'upgrad': use one of upgrade, downgrade, current, history, check, stamp, repair,"
                        + " revision",
                        ExitCode.INVALID_INPUT, "upgrad"),
                new Case("Unknown option: '--jsn'", ExitCode.INVALID_INPUT, "current", "--jsn"),
                new Case("'abc' is not a revision", ExitCode.INVALID_INPUT, "upgrade", "abc"),
                new Case("'-x1' is not a revision", ExitCode.INVALID_INPUT, "downgrade", "-x1"),
                new Case("'2.5' is not a revision", ExitCode.INVALID_INPUT, "upgrade", "2.5"),
                new Case("catalog: V" + (head + 3) + " does not exist, " + known + " (head)",
                        ExitCode.INVALID_INPUT, "upgrade", String.valueOf(head + 3)),
                new Case("catalog: Alembic id deadbeef0000 is not a revision this build knows",
                        ExitCode.INVALID_INPUT, "upgrade", "deadbeef0000"),
                new Case("catalog is at V4 (fa9f4b687d19), and V2 (bf09ce0d6899) is behind it: use downgrade 2",
                        ExitCode.INVALID_INPUT, "upgrade", "2"),
                new Case("catalog is at V4 (fa9f4b687d19), so +" + (head - 3) + " leads to V" + (head + 1) + ", but "
                        + known, ExitCode.INVALID_INPUT, "upgrade", "+" + (head - 3)),
                new Case("upgrade goes forward only; to go back to base use: downgrade base", ExitCode.INVALID_INPUT,
                        "upgrade", "base"),
                new Case("catalog is at V4 (fa9f4b687d19), and V6 (f1f20ae58def) is ahead of it: use upgrade 6",
                        ExitCode.INVALID_INPUT, "downgrade", "6"),
                new Case("downgrade goes back only; to go forward to head use: upgrade head", ExitCode.INVALID_INPUT,
                        "downgrade", "head"),
                new Case("Missing required parameter: 'TARGET'", ExitCode.INVALID_INPUT, "downgrade"),
                new Case("unknown database 'archive': use catalog or monitor", ExitCode.INVALID_INPUT, "current",
                        "--db=archive"),
                new Case("stamp rewrites the revision history without running any migration; add --yes to confirm",
                        ExitCode.INVALID_INPUT, "stamp", "3"),
                new Case("monitor is at V4 (fa9f4b687d19), so -5 leads to V-1", ExitCode.INVALID_INPUT, "downgrade",
                        "-5", "--db=monitor"),
                new Case("repair rewrites the revision history; add --yes to confirm", ExitCode.INVALID_INPUT, "repair"));
    }

    static Stream<Object[]> casesOnBothBackends() {
        return Backends.both().flatMap(backend -> cases().map(c -> new Object[] {backend, c}));
    }

    /**
     * Per backend, one pair taken to V4 for all cases (migrating a pair per case took most of this
     * class's time): each case finds it unchanged, since each before it asserted it changed nothing.
     */
    private static final Map<Backend, DatabasePair> AT_V4 = new EnumMap<>(Backend.class);

    @TempDir
    static Path shared;

    private static synchronized DatabasePair atV4(Backend backend) throws Exception {
        DatabasePair pair = AT_V4.get(backend);
        if (pair == null) {
            pair = DatabasePair.fresh(backend, postgres, shared);
            Result setup = run(pair.catalog(), pair.monitor(), "upgrade", "4");
            assertThat(setup.exitCode()).as(setup.err()).isZero();
            AT_V4.put(backend, pair);
        }
        return pair;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesOnBothBackends")
    void isRefusedWithOneLineAndChangesNothing(Backend backend, Case badInput) throws Exception {
        DatabasePair pair = atV4(backend);
        TestDatabase catalog = pair.catalog();
        TestDatabase monitor = pair.monitor();
        String before = snapshot(catalog, monitor);

        Result result = run(catalog, monitor, badInput.args());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(badInput.exitCode());
        assertThat(result.err()).startsWith("nlds-db: ").contains(badInput.expectedError()).hasLineCount(1);
        assertThat(snapshot(catalog, monitor)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anUnreachableDatabaseIsNamedWithWhatToCheck(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        Result result = run(catalog.url(), "jdbc:postgresql://127.0.0.1:1/monitor?user=nlds&password=secret",
                "upgrade");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err()).hasLineCount(1).startsWith("nlds-db: monitor: cannot connect to"
                + " jdbc:postgresql://127.0.0.1:1/monitor?user=nlds&password=******: ")
                .contains("check nlds.db.monitor.url, the credentials and that the server is running")
                .doesNotContain("secret");
        assertThat(Fixtures.inspect(catalog).tables()).as("the reachable catalog was not touched either").isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void theSameDatabaseForBothIsBadConfiguration(Backend backend) throws Exception {
        TestDatabase db = Backends.fresh(backend, postgres, folder);
        Result result = run(db.url(), db.url(), "upgrade");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).hasLineCount(1).startsWith("nlds-db: nlds.db.catalog.url and nlds.db.monitor.url name"
                + " the same ").contains("give each database its own");
        assertThat(Fixtures.inspect(db).tables()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void anIllegalArgumentFromABugInARevisionIsAFailureNotBadInput(Backend backend) throws Exception {
        TestDatabase catalog = Backends.fresh(backend, postgres, folder);
        TestDatabase monitor = Backends.fresh(backend, postgres, folder);
        assertThat(run(catalog, monitor, "upgrade").exitCode()).isZero();

        Result result = run(catalog, monitor, "upgrade",
                "--nlds.migration.extra-packages.catalog=uk.ac.ceda.nlds.db.cli.buggy.migration");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err()).hasLineCount(1).startsWith("nlds-db: catalog: revision V10 (0000000000bb) failed")
                .contains("a bug in the revision");
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aPostgresqlUrlTheDriverCannotReadIsBadConfiguration(Backend backend) throws Exception {
        TestDatabase monitor = Backends.fresh(backend, postgres, folder);
        Result result = run("jdbc:postgresql://127.0.0.1:notaport/catalog?password=secret", monitor.url(), "current");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err()).hasLineCount(1).startsWith("nlds-db: nlds.db.catalog.url: 'jdbc:postgresql://127.0.0.1:"
                + "notaport/catalog?password=******' is not a PostgreSQL URL the driver can read").doesNotContain("secret");
    }

    private static String snapshot(TestDatabase catalog, TestDatabase monitor) throws Exception {
        String history = "SELECT installed_rank, version, checksum, success FROM flyway_schema_history ORDER BY 1";
        return Rows.query(catalog, history) + "\n" + Rows.query(monitor, history) + "\n"
                + Fixtures.inspect(catalog) + "\n" + Fixtures.inspect(monitor);
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result run(TestDatabase catalog, TestDatabase monitor, String... args) {
        return run(catalog.url(), monitor.url(), args);
    }

    static Result run(String catalogUrl, String monitorUrl, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--nlds.db.catalog.url=" + catalogUrl);
        all.add("--nlds.db.monitor.url=" + monitorUrl);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = NldsDbCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
