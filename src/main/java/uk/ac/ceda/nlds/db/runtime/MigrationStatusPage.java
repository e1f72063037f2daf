package uk.ac.ceda.nlds.db.runtime;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code /migrations} on the management port: one static page whose script polls
 * {@code /actuator/migrations} and draws each database's state, progress, revisions and last
 * error. Registered in the management context only (see
 * {@code META-INF/spring/…ManagementContextConfiguration.imports}; the application's component
 * scan leaves it out), so the API port never serves it. The page may talk to this service alone,
 * and its Content-Security-Policy says so to the browser.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
public class MigrationStatusPage {

    static final String PATH = "/migrations";

    private static final Resource PAGE = new ClassPathResource("migrations.html", MigrationStatusPage.class);
    private static final String POLICY = "default-src 'none'; connect-src 'self'; script-src 'unsafe-inline';"
            + " style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> migrationStatusPageRoute() {
        return RouterFunctions.route(RequestPredicates.GET(PATH), request -> ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Content-Security-Policy", POLICY)
                .body(PAGE));
    }
}
