package uk.ac.ceda.nlds.db.startup;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the log lines that only repeat a failure the process reports itself in its one
 * {@code nlds-db: …} line: Flyway's "Migration of … failed! Changes successfully rolled back." and
 * Spring's "Exception encountered during context initialization" warning (which carries the whole
 * message again). Registered in the logback configurations of the service and the commands.
 */
public class RepeatedFailureFilter extends TurboFilter {

    private static final String FLYWAY_MIGRATE = "org.flywaydb.core.internal.command.DbMigrate";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        boolean flywayFailure = logger.getName().equals(FLYWAY_MIGRATE) && format.startsWith("Migration of ")
                && format.contains(" failed!");
        boolean contextFailure = format.startsWith("Exception encountered during context initialization");
        return flywayFailure || contextFailure ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
