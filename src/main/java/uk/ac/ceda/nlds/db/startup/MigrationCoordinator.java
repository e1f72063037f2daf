package uk.ac.ceda.nlds.db.startup;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import uk.ac.ceda.nlds.db.config.DatabaseWait;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.EntityFactoriesAhead;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;

/**
 * Brings the catalog and the monitor database to head, side by side, then checks the service's
 * entity models against both, before the service takes traffic: until then readiness is down and the
 * traffic gate answers 503, while liveness stays up. A failure stops the start (or, with
 * {@code nlds.migration.fail-fast=false}, keeps the service up but never ready); the failing
 * database stays at its last complete revision, the other goes on to head (or to a failure of its
 * own), and a rerun continues.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MigrationCoordinator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationCoordinator.class);

    private final List<ManagedDatabase> databases;
    private final MigrationStateListener listener;
    private final DatabaseWait databaseWait;
    private final EntityModelCheck entityModelCheck;
    private final boolean failFast;
    private volatile List<MigrationOutcome> outcomes = List.of();
    private boolean planFirst = true;

    public MigrationCoordinator(ManagedDatabase catalogDatabase, ManagedDatabase monitorDatabase,
            MigrationStateListener listener, DatabaseWait databaseWait, EntityModelCheck entityModelCheck,
            @Value("${nlds.migration.fail-fast:true}") boolean failFast) {
        this.databases = List.of(catalogDatabase, monitorDatabase);
        this.listener = listener;
        this.databaseWait = databaseWait;
        this.entityModelCheck = entityModelCheck;
        this.failFast = failFast;
    }

    /**
     * {@code nlds.migration.plan-first} (true): plan each database before migrating it, for the log
     * line and the endpoint's estimate. Its reads are the migration's own checks and counts, about a
     * fifth of a large migration's time; false skips them.
     */
    @Value("${nlds.migration.plan-first:true}")
    void setPlanFirst(boolean planFirst) {
        this.planFirst = planFirst;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        // both folders before either database: a bad one changes nothing
        databases.forEach(database -> database.target().prepareSqliteFolder());
        databases.forEach(database -> entityModelCheck.prefetch(database.target()));
        // both databases read side by side; a database found at head keeps the connection the wait opened
        // for its whole no-op path: the migration's data source is not pooled
        Map<ManagedDatabase, HeadCheck> checks = new IdentityHashMap<>();
        databases.forEach(database -> checks.put(database, HeadCheck.start(database, databaseWait, entityModelCheck)));
        Map<ManagedDatabase, HeadCheck.Found> noOp = new IdentityHashMap<>();
        Set<String> atHead = ConcurrentHashMap.newKeySet(); // added to by each database's thread
        try {
            Map<ManagedDatabase, DatabasePlan> plans = checkAndPlan(checks, noOp, atHead);
            outcomes = bringToHead(noOp, plans, atHead);
        } catch (StartStopped e) {
            return; // reported, the service stays up but not ready
        } finally {
            checks.values().forEach(HeadCheck::discard);
            noOp.values().forEach(HeadCheck.Found::close);
        }
        log.info("catalog and monitor at head and matching the entity model ({} ms)",
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Both databases reachable and planned before the first revision runs, so that every setting a
     * pending revision needs is named at once and a missing one migrates nothing. Databases found at
     * head go into {@code noOp}; the others get a plan (unless planning is off or fails), the two
     * plans made side by side: they only read.
     */
    private Map<ManagedDatabase, DatabasePlan> checkAndPlan(Map<ManagedDatabase, HeadCheck> checks,
            Map<ManagedDatabase, HeadCheck.Found> noOp, Set<String> atHead) {
        List<ManagedDatabase> behind = new ArrayList<>();
        for (ManagedDatabase database : databases) {
            try {
                // in order: a SQLite file that does not exist is made only once the databases before it answered
                HeadCheck.Found found = checks.get(database).take();
                // alembic_version brought in step here, on the coordinator's thread, if it lags
                if (HeadShortcut.atHead(database, found.connection(), found.verdict())) {
                    noOp.put(database, found);
                } else {
                    found.close();
                    behind.add(database);
                }
            } catch (RuntimeException e) {
                throw stop(database, e, atHead);
            }
        }
        Map<ManagedDatabase, DatabasePlan> plans = new LinkedHashMap<>(); // in order: the first refusing database is named
        for (SideBySide.Result<Optional<DatabasePlan>> planned : SideBySide.run(behind, "plan", this::estimate)) {
            planned.value().ifPresent(plan -> plans.put(planned.database(), plan));
        }
        Optional<SettingsPreflight.Unset> unset = SettingsPreflight.failure(List.copyOf(plans.values()));
        if (unset.isPresent()) {
            throw stop(plans.keySet().stream().filter(d -> d.id().equals(unset.get().database())).findFirst()
                    .orElseThrow(), unset.get().error(), atHead);
        }
        // never on the no-op path: only databases with revisions pending have a plan
        EntityFactoriesAhead.start(plans.entrySet().stream().filter(e -> from(e.getValue()).isPresent())
                .map(e -> new EntityFactoriesAhead.Pending(e.getKey().revisions(), e.getValue().fromVersion()))
                .toList());
        return plans;
    }

    /**
     * The catalog and the monitor side by side, each confirmed at head or migrated there, then checked
     * against the entity model. A failure in one does not stop the other: each ends at a complete
     * revision, and the failure names where the other was left.
     */
    private List<MigrationOutcome> bringToHead(Map<ManagedDatabase, HeadCheck.Found> noOp,
            Map<ManagedDatabase, DatabasePlan> plans, Set<String> atHead) {
        List<SideBySide.Result<MigrationOutcome>> results = SideBySide.run(databases, "migrate", database -> {
            try {
                MigrationOutcome outcome = bringToHead(database, noOp.get(database), plans.get(database));
                atHead.add(database.id());
                return outcome;
            } catch (RuntimeException e) {
                report(database, e); // when it happens: the other database may go on for long
                throw e;
            }
        });
        List<SideBySide.Result<MigrationOutcome>> failures = results.stream().filter(SideBySide.Result::failed).toList();
        if (!failures.isEmpty()) {
            throw end(failures.get(0).database(), failures.get(0).failure(), atHead, failures);
        }
        return results.stream().map(SideBySide.Result::value).toList();
    }

    private MigrationOutcome bringToHead(ManagedDatabase database, HeadCheck.Found found, DatabasePlan plan) {
        listener.migrating(database, found != null ? OptionalInt.of(database.revisions().headVersion()) : from(plan));
        MigrationOutcome outcome;
        if (found != null) {
            outcome = DatabaseMigrator.alreadyAtHead(database);
            entityModelCheck.verify(database, found.differences());
        } else {
            outcome = DatabaseMigrator.migratePending(database, database.revisions().headVersion());
            entityModelCheck.verify(database);
        }
        listener.upToDate(database.id(), () -> DatabaseStatus.read(database));
        return outcome;
    }

    /** Where the plan found the database, unless it refused (then it does not know). */
    private static OptionalInt from(DatabasePlan plan) {
        return plan == null || plan.refused() != null ? OptionalInt.empty() : OptionalInt.of(plan.fromVersion());
    }

    /** The start stopped at a reported failure without fail-fast: the service stays up, never ready. */
    private static final class StartStopped extends RuntimeException {
        StartStopped() {
            super(null, null, false, false);
        }
    }

    /** Reports a failure before any database migrated and returns what ends the run (see {@link #end}). */
    private RuntimeException stop(ManagedDatabase database, RuntimeException e, Set<String> atHead) {
        report(database, e);
        return end(database, e, atHead, List.of());
    }

    /** What the status board shows for a failed database. */
    private void report(ManagedDatabase database, RuntimeException e) {
        listener.failed(database.id(), StartupErrors.oneLine(e), readable(database));
    }

    /**
     * What ends the run after {@code failures} (each reported already): with fail-fast the first
     * failure, naming where the other databases are, which ends the start; otherwise
     * {@link StartStopped}, and the service stays up but not ready.
     */
    private RuntimeException end(ManagedDatabase database, RuntimeException e, Set<String> atHead,
            List<SideBySide.Result<MigrationOutcome>> failures) {
        if (failFast) {
            return withOthers(database, e, atHead, failures);
        }
        for (RuntimeException failure : failures.isEmpty() ? List.of(e)
                : failures.stream().map(SideBySide.Result::failure).toList()) {
            // the line names the database already
            log.error("{}; the service stays up but not ready (nlds.migration.fail-fast=false)",
                    StartupErrors.oneLine(failure));
        }
        return new StartStopped();
    }

    /**
     * Before a migration, the plan's one line (how much, about how long). Only settings the pending
     * revisions need and lack stop it (see {@link SettingsPreflight}); a plan that cannot be made, or
     * that expects any other refusal, is logged and the migration goes ahead (it refuses itself).
     */
    private Optional<DatabasePlan> estimate(ManagedDatabase database) {
        if (!planFirst) {
            return Optional.empty();
        }
        try {
            long started = System.nanoTime();
            DatabasePlan plan = MigrationPlanner.beforeMigrating(database);
            log.debug("{}: planned in {} ms", database.id(), (System.nanoTime() - started) / 1_000_000);
            log.info("{}", plan.summary());
            if (plan.refusal() != null) {
                log.warn("{}: the plan expects the migration to refuse: {}", database.id(), plan.refusal());
            }
            listener.estimated(database.id(), plan);
            return Optional.of(plan);
        } catch (RuntimeException e) {
            log.warn("{}: no estimate before migrating: {}", database.id(), StartupErrors.oneLine(e));
            return Optional.empty();
        }
    }

    /**
     * The failure, its message extended by where the other databases were left: at head, failed too
     * (with its own cause, so one line tells both), or not migrated.
     */
    private RuntimeException withOthers(ManagedDatabase failed, RuntimeException e, Set<String> atHead,
            List<SideBySide.Result<MigrationOutcome>> failures) {
        if (!(e instanceof MigrationFailedException failure)) {
            return e;
        }
        StringBuilder others = new StringBuilder();
        for (ManagedDatabase other : databases) {
            if (other == failed) {
                continue;
            }
            Optional<RuntimeException> alsoFailed = failures.stream().filter(f -> f.database() == other)
                    .map(SideBySide.Result::failure).findFirst();
            if (alsoFailed.isPresent()) {
                others.append("; ").append(other.id()).append(" failed too: ").append(StartupErrors.oneLine(alsoFailed.get())
                        .replaceFirst("^" + other.id() + ": ", ""));
                continue;
            }
            // a SQLite file that does not exist yet stays that way: reading it would create it
            boolean untouched = other.target().sqliteFile().map(f -> !Files.exists(f)).orElse(false);
            DatabaseStatus status = untouched ? null : readable(other);
            others.append("; ").append(other.id()).append(atHead.contains(other.id())
                    ? " is at head " : " was not migrated, it is at ")
                    .append(untouched ? "V0 (empty)" : status == null ? "an unknown revision" : status.label());
        }
        return new MigrationFailedException(failure.database(), StartupErrors.oneLine(failure)
                .replaceFirst("^" + failure.database() + ": ", "") + others, failure);
    }

    /** The database's status for the endpoint after a failure, if it can still be read. */
    private static DatabaseStatus readable(ManagedDatabase database) {
        try {
            return DatabaseStatus.read(database);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What the last run did, one entry per database. */
    public List<MigrationOutcome> outcomes() {
        return outcomes;
    }
}
