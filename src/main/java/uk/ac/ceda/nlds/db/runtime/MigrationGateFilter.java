package uk.ac.ceda.nlds.db.runtime;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses every application request with 503 and a short JSON body until both databases are at
 * head, so nothing is served from a half-migrated schema. The actuator (probes, status) and the
 * status page stay open when they share the API's port ({@code management.server.port} unset).
 */
@Component
public class MigrationGateFilter extends OncePerRequestFilter {

    private static final String ACTUATOR = "/actuator";

    private final MigrationStatusBoard board;
    private final JsonMapper json;

    public MigrationGateFilter(MigrationStatusBoard board, JsonMapper json) {
        this.board = board;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/") || path.equals(MigrationStatusPage.PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (board.ready()) {
            chain.doFilter(request, response);
            return;
        }
        String message = board.anyFailed() ? "a database migration failed; see /actuator/migrations"
                : "the databases are migrating; try again shortly";
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", "10");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        body.put("error", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        body.put("message", message);
        body.put("databases", board.states());
        response.getWriter().write(json.writeValueAsString(body));
    }
}
