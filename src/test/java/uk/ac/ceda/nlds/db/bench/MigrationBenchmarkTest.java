package uk.ac.ceda.nlds.db.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Goal 2's figure read from a fresh install's log, whichever factory holds Hibernate's first start. */
class MigrationBenchmarkTest {

    private static final String START = "2026-12-01T17:21:32.146Z  INFO 1 --- [nlds-db] [hibernate-ahead] org.hibernate.orm.core"
            + "                   : HHH000001: Hibernate ORM core version 7.2.19.Final\n";

    @Test
    void aFactoryLoggedFirstOnClassesAnotherLoadedDoesNotHideTheFirstStart() {
        String log = START
                + "2026-12-01T17:21:33.787Z DEBUG 1 --- [nlds-db] [factories-ahead] RevisionEntities : entities [Location] ready in 71 ms (built)\n"
                + "2026-12-01T17:21:33.790Z DEBUG 1 --- [nlds-db] [hibernate-ahead] RevisionEntities : entities [Nothing] ready in 1650 ms (built)\n";

        assertThat(MigrationBenchmark.hibernateFirstStartMillis(log)).isEqualTo(1650);
    }

    @Test
    void aFirstStartStillRunningAtExitIsTimedFromHibernatesFirstLine() {
        String log = START
                + "2026-12-01T17:21:33.787Z DEBUG 1 --- [nlds-db] [factories-ahead] RevisionEntities : entities [Location] ready in 427 ms (built)\n";

        assertThat(MigrationBenchmark.hibernateFirstStartMillis(log)).isEqualTo(1641);
    }
}
