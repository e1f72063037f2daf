package uk.ac.ceda.nlds.db.cli;

import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import uk.ac.ceda.nlds.db.NldsDbApplication;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.startup.MigrationCoordinator;

/**
 * The service's configuration without the service: the same properties, environment variables
 * and databases, no web server and no migration at startup, so a command does only what it says.
 * Starting it opens no connection.
 */
final class CommandSession implements AutoCloseable {

    private static final Map<String, Object> COMMAND_DEFAULTS = Map.of(
            MigrationCoordinator.RUN_AT_STARTUP, "false",
            "logging.level.root", "WARN",
            // plain progress lines when the output is not a terminal
            "logging.level.uk.ac.ceda.nlds.db.migration.progress", "INFO",
            "logging.pattern.console", "%d{HH:mm:ss} %m%n");

    private final ConfigurableApplicationContext context;

    private CommandSession(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static CommandSession open(List<String> springArguments) {
        SpringApplication application = new SpringApplication(NldsDbApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(COMMAND_DEFAULTS);
        return new CommandSession(application.run(springArguments.toArray(String[]::new)));
    }

    ManagedDatabase database(NldsDatabase database) {
        return context.getBean(database.id() + "Database", ManagedDatabase.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
