package uk.ac.ceda.nlds.db.cli;

import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;

/**
 * The service's database configuration without the service (see {@link CommandConfiguration}), so
 * a command does only what it says. Starting it opens no connection.
 */
final class CommandSession implements AutoCloseable {

    private static final Map<String, Object> COMMAND_DEFAULTS = Map.of(
            "logging.config", "classpath:nlds-db-command-logback.xml",
            // a failed start is reported as one line by the command, not as a logged stack trace
            "logging.level.org.springframework.boot.SpringApplication", "OFF");

    private final ConfigurableApplicationContext context;

    private CommandSession(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static CommandSession open(List<String> springArguments) {
        SpringApplication application = new SpringApplication(CommandConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(COMMAND_DEFAULTS);
        return new CommandSession(application.run(springArguments.toArray(String[]::new)));
    }

    ManagedDatabase database(NldsDatabase database) {
        return context.getBean(database.id() + "Database", ManagedDatabase.class);
    }

    /** {@code nlds.migration.plan-first}, as the service reads it: whether a migration is planned before it starts. */
    boolean planFirst() {
        return context.getEnvironment().getProperty("nlds.migration.plan-first", Boolean.class, true);
    }

    @Override
    public void close() {
        context.close();
    }
}
