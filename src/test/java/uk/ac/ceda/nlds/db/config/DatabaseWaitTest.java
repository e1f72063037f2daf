package uk.ac.ceda.nlds.db.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/** Boot waits for a server that is not there yet, never for one that answered no. */
class DatabaseWaitTest {

    /** Long enough for several attempts: a test that waited it out would show in its attempt count. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    private static ManagedDatabase catalogAt(TestDatabase db) {
        return MigrationHarness.managed(NldsDatabase.CATALOG, db);
    }

    @Test
    void anUnknownRoleFailsAtTheFirstAttempt() {
        TestDatabase db = postgres.create();
        ManagedDatabase catalog = catalogAt(new TestDatabase(db.url().replaceFirst("user=[^&]*", "user=no_such_role"),
                "no_such_role", null, db.name()));

        assertThatThrownBy(() -> new DatabaseWait(WAIT).connect(catalog)).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("catalog: cannot connect to").hasMessageContaining("no_such_role")
                .hasMessageNotContaining("gave up");
    }

    @Test
    void anUnknownDatabaseFailsAtTheFirstAttempt() {
        TestDatabase db = postgres.create();
        ManagedDatabase catalog = catalogAt(new TestDatabase(db.url().replace("/" + db.name(), "/no_such_database"),
                db.user(), db.password(), "no_such_database"));

        assertThatThrownBy(() -> new DatabaseWait(WAIT).connect(catalog)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("no_such_database").hasMessageNotContaining("gave up");
    }

    @Test
    void anUnreachableServerIsRetriedUntilTheWaitEnds() {
        ManagedDatabase catalog = catalogAt(new TestDatabase("jdbc:postgresql://127.0.0.1:1/catalog", "nlds", null,
                "catalog"));

        assertThatThrownBy(() -> new DatabaseWait(Duration.ofMillis(1600)).connect(catalog))
                .isInstanceOf(MigrationException.class).hasMessageContaining("refused")
                .hasMessageMatching("(?s).*gave up after [2-9] attempts.*");
    }
}
