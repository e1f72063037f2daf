package uk.ac.ceda.nlds.db.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import uk.ac.ceda.nlds.db.config.DatabaseConfiguration;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;

/**
 * {@code --migrate-only}, the container's one-shot mode: the service's coordinator over the
 * service's database configuration (the same properties, defaults, revisions and wait), and
 * nothing a job that serves no traffic needs: no web server, persistence units, actuator or status
 * board. A no-op run takes about half the time the service's context would. Not a
 * {@code @Configuration}, so the service's component scan leaves it out.
 */
@Import({DatabaseConfiguration.class, EntityModelCheck.class})
public class MigrateOnly {

    public static final String ARGUMENT = "--migrate-only";

    @Bean
    MigrationCoordinator migrationCoordinator(ManagedDatabase catalogDatabase, ManagedDatabase monitorDatabase,
            DatabaseWait databaseWait, EntityModelCheck entityModelCheck) {
        // a one-shot job has no readiness to hold down: a failure ends it
        return new MigrationCoordinator(catalogDatabase, monitorDatabase, MigrationStateListener.NONE, databaseWait,
                entityModelCheck, true);
    }

    /**
     * Without persistence units nothing has built the entity models the check needs: they are looked
     * up (the build's, {@code EntityModelIndex}; read with Hibernate only when the classes changed
     * since) ahead, as the coordinator does ({@link EntityModelCheck#prefetch}), but from here while the
     * context still starts, so the check finds them ready (it waits for them, or reports their failure).
     */
    @Bean
    CompletableFuture<Void> entityModelsRead(DatabaseTargets targets, EntityModelCheck entityModelCheck) {
        return CompletableFuture.allOf(targets.all().stream().map(entityModelCheck::prefetch)
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Migrates both databases and prints each one's revision before and after. Like the service it
     * logs to standard output (a container's log); a failure is one line on standard error.
     */
    public static int run(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.remove(ARGUMENT);
        List<String> unknown = arguments.stream().filter(a -> !SpringPropertyArgument.matches(a)).toList();
        if (!unknown.isEmpty()) {
            System.err.println("nlds-db: " + ARGUMENT + " takes only Spring properties (--nlds.db.catalog.url=...),"
                    + " not " + String.join(" ", unknown) + "; see java -jar nlds-db.jar --help");
            return ExitCode.INVALID_INPUT;
        }
        SpringApplication application = new SpringApplication(MigrateOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // a job that is there to migrate: Hibernate starts beside the context when a database has revisions to run
        application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event -> HibernateAhead
                .startIfBehind(event.getEnvironment()));
        ConfigurableApplicationContext context;
        try {
            context = application.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("nlds-db: " + StartupErrors.oneLine(e));
            return StartupErrors.exitCode(e);
        }
        context.getBean(MigrationCoordinator.class).outcomes().forEach(o -> System.out.println(o.describe()));
        return SpringApplication.exit(context);
    }
}
