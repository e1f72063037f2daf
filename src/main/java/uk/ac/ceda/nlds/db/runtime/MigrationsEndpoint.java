package uk.ac.ceda.nlds.db.runtime;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/migrations}: for each database its backend, masked URL, revision, target,
 * state, applied and pending revisions, the last error and the running step's progress. Read-only,
 * and served from memory, so it answers while a migration holds the database.
 */
@Component
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

    private final MigrationStatusBoard board;

    public MigrationsEndpoint(MigrationStatusBoard board) {
        this.board = board;
    }

    @ReadOperation
    public Map<String, Object> migrations() {
        return board.describe();
    }
}
