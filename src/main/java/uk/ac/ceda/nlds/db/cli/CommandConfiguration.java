package uk.ac.ceda.nlds.db.cli;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import uk.ac.ceda.nlds.db.config.DatabaseConfiguration;

/**
 * What a command needs of the service: its database configuration (the same properties,
 * environment variables and defaults), without auto-configuration, entity managers, web server or
 * the startup migration. It starts in a fraction of the service's time and opens no connection.
 */
@Configuration(proxyBeanMethods = false)
@Import(DatabaseConfiguration.class)
class CommandConfiguration {
}
