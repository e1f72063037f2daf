package uk.ac.ceda.nlds.db.runtime;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The status page's route in an MVC slice, with the traffic gate in front and the databases still
 * migrating (the board's mock is never ready): the page is served anyway, with its headers. That
 * only the management port serves it is a process's fact (ServiceRuntimeIT).
 */
// no controller: the read API's need the databases
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.api\\..*"))
@Import(MigrationStatusPage.class)
class MigrationStatusPageTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MigrationStatusBoard board;

    @Test
    void thePageIsServedWhileMigratingWithItsPolicyAndNoCaching() throws Exception {
        mvc.perform(get("/migrations")).andExpect(status().isOk())
                .andExpect(content().contentType("text/html;charset=UTF-8"))
                .andExpect(content().string(containsString("<title>nlds-db migrations</title>")))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
                .andExpect(header().string("Content-Security-Policy", containsString("connect-src 'self'")));
    }
}
