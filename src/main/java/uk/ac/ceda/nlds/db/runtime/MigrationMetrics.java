package uk.ac.ceda.nlds.db.runtime;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import uk.ac.ceda.nlds.db.migration.progress.ProgressSnapshot;

/**
 * Gauges over the status board, per database, for Prometheus ({@code /actuator/prometheus}) and
 * {@code /actuator/metrics}: {@code nlds.migration.state} (1 for the state the database is in, 0
 * for the others), {@code nlds.migration.current.revision} and {@code nlds.migration.head.revision}
 * (NaN until known), and the running step's {@code nlds.migration.step.done} and
 * {@code nlds.migration.step.total} rows (0 between steps). Read at scrape time from memory.
 */
@Component
public class MigrationMetrics implements MeterBinder {

    private final MigrationStatusBoard board;

    public MigrationMetrics(MigrationStatusBoard board) {
        this.board = board;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        board.databases().forEach((database, progress) -> {
            for (MigrationState state : MigrationState.values()) {
                gauge("nlds.migration.state", "1 while the database's migration is in this state", database, progress,
                        p -> p.state == state ? 1 : 0).tag("state", state.name()).register(registry);
            }
            gauge("nlds.migration.current.revision", "The revision the database is at", database, progress,
                    p -> p.version == DatabaseProgress.UNKNOWN ? Double.NaN : p.version).register(registry);
            gauge("nlds.migration.head.revision", "The newest revision this build knows", database, progress,
                    p -> p.head == 0 ? Double.NaN : p.head).register(registry);
            gauge("nlds.migration.step.done", "Rows the running data step or table rebuild has done", database,
                    progress, p -> step(p, ProgressSnapshot::done)).baseUnit("rows").register(registry);
            gauge("nlds.migration.step.total", "Rows the running data step or table rebuild will do", database,
                    progress, p -> step(p, ProgressSnapshot::total)).baseUnit("rows").register(registry);
        });
    }

    private static Gauge.Builder<DatabaseProgress> gauge(String name, String description, String database,
            DatabaseProgress progress, ToDoubleFunction<DatabaseProgress> value) {
        return Gauge.builder(name, progress, value).description(description).tag("database", database)
                .strongReference(true);
    }

    private static double step(DatabaseProgress progress, ToDoubleFunction<ProgressSnapshot> rows) {
        ProgressSnapshot step = progress.runningStep;
        return step == null ? 0 : rows.applyAsDouble(step);
    }
}
