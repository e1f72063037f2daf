package uk.ac.ceda.nlds.db.runtime;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * {@code /actuator/migrations} through the actuator's own MVC mapping and JSON writer, before any
 * migration started: the shape the status page and operators read, pinned key by key.
 */
// no controller: the read API's need the databases
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.api\\..*"))
@ImportAutoConfiguration({EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
        WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class})
@Import({MigrationsEndpoint.class, MigrationsEndpointTest.Board.class})
// the actuator on the same (mock) server: a management port of its own needs a real one
@TestPropertySource(properties = "management.server.port=")
class MigrationsEndpointTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Board {
        @Bean
        MigrationStatusBoard migrationStatusBoard() {
            MigrationStatusBoard board = new MigrationStatusBoard(new DatabaseTargets(
                    new DatabaseTarget(NldsDatabase.CATALOG, Backend.POSTGRESQL,
                            "jdbc:postgresql://db.example.org/catalog?user=nlds&password=secret", "nlds", "secret"),
                    new DatabaseTarget(NldsDatabase.MONITOR, Backend.SQLITE, "jdbc:sqlite:monitor.db", null, null)),
                    new SimpleMeterRegistry());
            board.failed("monitor", "monitor: cannot connect to jdbc:sqlite:monitor.db", null);
            return board;
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void eachDatabaseInTheTargetsOrderWithMaskedUrlStateAndLastError() throws Exception {
        mvc.perform(get("/actuator/migrations")).andExpect(status().isOk()).andExpect(content().json("""
                {"catalog": {"database": "catalog", "backend": "POSTGRESQL",
                             "url": "jdbc:postgresql://db.example.org/catalog?user=nlds&password=******",
                             "state": "PENDING", "version": null, "alembicId": null, "target": 0,
                             "appliedByThisProcess": [], "running": null, "estimate": null,
                             "waitingFor": null, "lastError": null},
                 "monitor": {"database": "monitor", "backend": "SQLITE", "url": "jdbc:sqlite:monitor.db",
                             "state": "FAILED", "version": null, "alembicId": null, "target": 0,
                             "appliedByThisProcess": [], "running": null, "estimate": null,
                             "waitingFor": null, "lastError": "monitor: cannot connect to jdbc:sqlite:monitor.db"}}
                """, org.springframework.test.json.JsonCompareMode.STRICT));
    }
}
