package uk.ac.ceda.nlds.db.runtime;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health of the migrations, part of the readiness group: OUT_OF_SERVICE until both databases are
 * at head, DOWN when a migration failed, UP after. Liveness does not include it, so a long
 * migration never gets the pod killed.
 */
@Component("migrations")
public class MigrationsHealthIndicator implements HealthIndicator {

    private final MigrationStatusBoard board;

    public MigrationsHealthIndicator(MigrationStatusBoard board) {
        this.board = board;
    }

    @Override
    public Health health() {
        Status status = board.anyFailed() ? Status.DOWN : board.ready() ? Status.UP : Status.OUT_OF_SERVICE;
        return Health.status(status).withDetails(java.util.Map.copyOf(board.states())).build();
    }
}
