package uk.ac.ceda.nlds.db;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

import uk.ac.ceda.nlds.db.cli.NldsDbCommand;
import uk.ac.ceda.nlds.db.startup.MigrateOnly;
import uk.ac.ceda.nlds.db.startup.StartupErrors;

/**
 * The NLDS database service. Started plainly it migrates both databases to head and then serves;
 * with {@code --migrate-only} it migrates, prints each database's revision before and after, and
 * exits (the container's one-shot mode, see {@link MigrateOnly}); with a verb ({@code upgrade},
 * {@code current}, …) it runs that operator command instead (see {@link NldsDbCommand}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// @SpringBootApplication's scan, leaving out what belongs to the management port's own context
@ComponentScan(excludeFilters = {@Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @Filter(ManagementContextConfiguration.class)})
public class NldsDbApplication {

    public static void main(String[] args) {
        if (NldsDbCommand.handles(args)) {
            System.exit(NldsDbCommand.execute(args));
        }
        if (Arrays.asList(args).contains(MigrateOnly.ARGUMENT)) {
            System.exit(MigrateOnly.run(args));
        }
        try {
            SpringApplication.run(NldsDbApplication.class, args);
        } catch (RuntimeException e) {
            System.err.println("nlds-db: " + StartupErrors.oneLine(e));
            System.exit(StartupErrors.exitCode(e));
        }
    }
}
