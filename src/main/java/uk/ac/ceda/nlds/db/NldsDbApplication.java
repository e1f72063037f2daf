package uk.ac.ceda.nlds.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import uk.ac.ceda.nlds.db.cli.NldsDbCommand;
import uk.ac.ceda.nlds.db.startup.MigrationCoordinator;

/**
 * The NLDS database service. Started plainly it migrates both databases to head and then serves;
 * with {@code --migrate-only} it migrates, prints each database's revision before and after, and
 * exits (the container's one-shot mode); with a verb ({@code upgrade}, {@code current}, …) it runs that
 * operator command instead (see {@link NldsDbCommand}).
 */
@SpringBootApplication
public class NldsDbApplication {

    public static final String MIGRATE_ONLY = "--migrate-only";

    public static void main(String[] args) {
        if (NldsDbCommand.handles(args)) {
            System.exit(NldsDbCommand.execute(args));
        }
        boolean migrateOnly = Arrays.asList(args).contains(MIGRATE_ONLY);
        SpringApplication application = new SpringApplication(NldsDbApplication.class);
        List<String> arguments = new ArrayList<>(List.of(args));
        if (migrateOnly) {
            application.setWebApplicationType(WebApplicationType.NONE);
            arguments.add("--nlds.migration.fail-fast=true"); // a one-shot job has no readiness to hold down
        }
        ConfigurableApplicationContext context;
        try {
            context = application.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("nlds-db: " + StartupErrors.oneLine(e));
            System.exit(1);
            return;
        }
        if (migrateOnly) {
            context.getBean(MigrationCoordinator.class).outcomes().forEach(o -> System.out.println(o.describe()));
            System.exit(SpringApplication.exit(context));
        }
    }
}
