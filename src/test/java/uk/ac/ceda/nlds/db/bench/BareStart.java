package uk.ac.ceda.nlds.db.bench;

import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;

import uk.ac.ceda.nlds.db.NldsDbApplication;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDbProperties;
import uk.ac.ceda.nlds.db.runtime.MigrationStatusBoard;
import uk.ac.ceda.nlds.db.startup.MigrationCoordinator;

/**
 * The bare start the no-op {@code --migrate-only} process is compared with: the same jar, JVM
 * and application context as {@code --migrate-only} (both DataSources, Flyway beans, persistence
 * configuration, no web server), with only the coordinator's run replaced by nothing. Launched
 * from the jar through Spring Boot's {@code PropertiesLauncher} with a folder holding only this
 * class on {@code loader.path}, so logging is set up as in the jar.
 */
public class BareStart {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(NldsDbApplication.class, BareStart.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("spring.main.allow-bean-definition-overriding", "true"));
        System.exit(SpringApplication.exit(application.run(args)));
    }

    /** Replaces the scanned coordinator (same bean name) with one whose run does nothing. */
    @Bean
    MigrationCoordinator migrationCoordinator(ManagedDatabase catalogDatabase, ManagedDatabase monitorDatabase,
            MigrationStatusBoard board, NldsDbProperties properties) {
        return new MigrationCoordinator(catalogDatabase, monitorDatabase, board, properties, true) {
            @Override
            public void run(ApplicationArguments args) {
                // a bare start: the context is up, nothing is checked or migrated
            }
        };
    }
}
