package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.ceda.nlds.db.testsupport.Backends.BOTH_BACKENDS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.testsupport.Backends;
import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;

/** The service's current entities agree with the schema at head, and the check fails loudly when they do not. */
class EntityModelCheckTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void theCurrentEntitiesMatchBothDatabasesAtHead(Backend backend) {
        for (NldsDatabase database : NldsDatabase.values()) {
            ManagedDatabase managed = MigrationHarness.managed(database, Backends.fresh(backend, postgres, folder));
            MigrationHarness.migrateToHead(managed);
            assertThat(new EntityModelCheck().differences(managed)).as(database.id()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void aSchemaBehindTheEntitiesIsReportedWithWhatDiffers(Backend backend) {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, Backends.fresh(backend, postgres, folder));
        MigrationHarness.migrateTo(catalog, 5);

        assertThatThrownBy(() -> new EntityModelCheck().verify(catalog)).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("catalog: the service's entity model does not match the schema at V5 (eaeeec0b5cf2)")
                .hasMessageContaining("aggregation: column failed_fl is missing")
                // one line: '.' does not match a line break
                .hasMessageMatching(".*; run a build whose entities match this revision \\(the whole list is in the log\\)");
    }

    @ParameterizedTest
    @MethodSource(BOTH_BACKENDS)
    void manyDifferencesShowTheFirstOnTheLineAndCountTheRest(Backend backend) {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, Backends.fresh(backend, postgres, folder));
        MigrationHarness.migrateTo(catalog, 2);

        assertThatThrownBy(() -> new EntityModelCheck().verify(catalog)).isInstanceOf(MigrationFailedException.class)
                .hasMessageMatching("catalog: the service's entity model does not match the schema at V2 \\(bf09ce0d6899\\):"
                        + "( [^;]+;){" + (SchemaComparison.SHOWN - 1) + "} [^;]+ \\(and \\d+ more\\); run a build .*");
    }
}
