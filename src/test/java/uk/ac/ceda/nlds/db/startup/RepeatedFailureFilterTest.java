package uk.ac.ceda.nlds.db.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;

class RepeatedFailureFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final RepeatedFailureFilter filter = new RepeatedFailureFilter();

    @Test
    void dropsFlywaysFailedMigrationLine() {
        assertThat(decide("org.flywaydb.core.internal.command.DbMigrate", Level.ERROR,
                "Migration of schema \"main\" to version \"3 - Add storage url fields\" failed! Changes successfully"
                        + " rolled back.")).isEqualTo(FilterReply.DENY);
    }

    @Test
    void dropsSpringsContextWarningWhichRepeatsTheMessage() {
        assertThat(decide("org.springframework.context.annotation.AnnotationConfigApplicationContext", Level.WARN,
                "Exception encountered during context initialization - cancelling refresh attempt: x"))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsEverythingElseIncludingFlywaysProgress() {
        assertThat(decide("org.flywaydb.core.internal.command.DbMigrate", Level.INFO,
                "Migrating schema \"main\" to version \"3 - Add storage url fields\"")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.flywaydb.core.internal.command.DbMigrate", Level.ERROR, "Something else failed"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("uk.ac.ceda.nlds.db.config.DatabaseWait", Level.WARN, "catalog: not reachable yet"))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(String loggerName, Level level, String message) {
        Logger logger = context.getLogger(loggerName);
        return filter.decide(null, logger, level, message, null, null);
    }
}
