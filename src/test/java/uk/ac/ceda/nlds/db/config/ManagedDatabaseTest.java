package uk.ac.ceda.nlds.db.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import uk.ac.ceda.nlds.db.testsupport.MigrationHarness;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;

class ManagedDatabaseTest {

    @RegisterExtension
    static PostgresDatabases postgres = new PostgresDatabases();

    /**
     * With one connection a revision and its history row commit together (CrashRecoveryIT found a
     * PostgreSQL database migrated by a killed run but recorded one revision behind). The copies
     * made for a target or a baseline must keep it.
     */
    @Test
    void flywayRecordsEachRevisionInTheRevisionsOwnTransactionOnPostgresql() {
        ManagedDatabase catalog = MigrationHarness.managed(NldsDatabase.CATALOG, postgres.create());
        Configuration copy = Flyway.configure().configuration(catalog.flyway().getConfiguration()).target("3").load()
                .getConfiguration();

        for (Configuration configuration : new Configuration[] {catalog.flyway().getConfiguration(), copy}) {
            assertThat(configuration.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class)
                    .isTransactionalLock()).isFalse();
        }
    }
}
