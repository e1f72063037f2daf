package uk.ac.ceda.nlds.db.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Import;

import uk.ac.ceda.nlds.db.config.DatabaseConfiguration;
import uk.ac.ceda.nlds.db.startup.MigrateOnly;

/**
 * The bare start the no-op {@code --migrate-only} process is compared with: the same jar, JVM
 * and application context as {@link MigrateOnly} (the database configuration: both DataSources,
 * revisions and the Flyway beans, which are made on first use, no web server) without its coordinator,
 * so nothing is checked or
 * migrated. Launched from the jar through Spring Boot's {@code PropertiesLauncher} with a folder
 * holding only this class on {@code loader.path}, so logging is set up as in the jar.
 */
@Import(DatabaseConfiguration.class)
public class BareStart {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareStart.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        System.exit(SpringApplication.exit(application.run(args)));
    }
}
