package uk.ac.ceda.nlds.db.config;

import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Adjusts the Flyway configuration of one database, as Spring Boot's
 * {@code FlywayConfigurationCustomizer} does for its single DataSource: define beans of this type
 * (ordered by {@code @Order}) to add callbacks, change the lock retries, the installed-by name and
 * so on. What the engine relies on is set again afterwards: the revisions, the history table, the
 * DataSource, no baseline on migrate, clean disabled, unknown revisions refused and, on PostgreSQL,
 * one connection for a revision and its history row.
 */
@FunctionalInterface
public interface DatabaseFlywayCustomizer {

    void customize(NldsDatabase database, FluentConfiguration configuration);
}
