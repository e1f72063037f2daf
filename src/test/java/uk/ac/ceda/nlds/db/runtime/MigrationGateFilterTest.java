package uk.ac.ceda.nlds.db.runtime;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The traffic gate in an MVC slice, registered as the service registers it (a component filter in
 * front of every controller): 503 with a JSON reason while the databases migrate or after a
 * failure, out of the way once both are at head, and never in front of the actuator.
 */
@WebMvcTest(controllers = MigrationGateFilterTest.Api.class)
@Import(MigrationGateFilterTest.Api.class)
class MigrationGateFilterTest {

    /** A stand-in for the read API, whose controllers need the databases. */
    @RestController
    static class Api {
        @GetMapping({"/api/holdings", "/actuator/health/readiness"})
        String answer() {
            return "served";
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MigrationStatusBoard board;

    @Test
    void whileMigratingRequestsAreRefusedWithAReasonAndWhenToRetry() throws Exception {
        given(board.states()).willReturn(states(MigrationState.UP_TO_DATE, MigrationState.MIGRATING));

        mvc.perform(get("/api/holdings")).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.error").value("Service Unavailable"))
                .andExpect(jsonPath("$.message").value("the databases are migrating; try again shortly"))
                .andExpect(jsonPath("$.databases.catalog").value("UP_TO_DATE"))
                .andExpect(jsonPath("$.databases.monitor").value("MIGRATING"));
    }

    @Test
    void afterAFailureTheRefusalPointsAtTheEndpoint() throws Exception {
        given(board.anyFailed()).willReturn(true);
        given(board.states()).willReturn(states(MigrationState.FAILED, MigrationState.PENDING));

        mvc.perform(get("/api/holdings")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.message").value("a database migration failed; see /actuator/migrations"))
                .andExpect(jsonPath("$.databases.catalog").value("FAILED"));
    }

    @Test
    void atHeadRequestsPass() throws Exception {
        given(board.ready()).willReturn(true);

        mvc.perform(get("/api/holdings")).andExpect(status().isOk()).andExpect(content().string("served"));
    }

    @Test
    void theActuatorStaysOpenWhileMigrating() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(content().string("served"));
    }

    private static Map<String, MigrationState> states(MigrationState catalog, MigrationState monitor) {
        Map<String, MigrationState> states = new LinkedHashMap<>();
        states.put("catalog", catalog);
        states.put("monitor", monitor);
        return states;
    }
}
