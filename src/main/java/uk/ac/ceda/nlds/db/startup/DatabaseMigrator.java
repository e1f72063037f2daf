package uk.ac.ceda.nlds.db.startup;

import java.sql.SQLException;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.HistoryChecksums;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.lock.LockRetriesSpentException;
import uk.ac.ceda.nlds.db.migration.lock.MigrationLock;

/** Brings one database to head with its Flyway instance and reports where it started and ended. */
public final class DatabaseMigrator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigrator.class);

    private DatabaseMigrator() {
    }

    public static MigrationOutcome migrate(ManagedDatabase database) {
        return migrate(database, database.revisions().headVersion());
    }

    /** Brings one database up to {@code target} (a version this build knows); a lower target does nothing. */
    public static MigrationOutcome migrate(ManagedDatabase database, int target) {
        int head = database.revisions().headVersion();
        if (target == head && HeadShortcut.atHead(database)) {
            return alreadyAtHead(database);
        }
        return migratePending(database, target);
    }

    /** The outcome for a database its caller found at head ({@link HeadShortcut}): nothing to do. */
    static MigrationOutcome alreadyAtHead(ManagedDatabase database) {
        String at = describe(database, database.revisions().headVersion());
        log.info("{}: {} at {}, already at head", database.id(), database.target(), at);
        return new MigrationOutcome(database.id(), at, at, 0, true);
    }

    /** Brings the database to {@code target} under the lock, for a caller that found it not at head. */
    static MigrationOutcome migratePending(ManagedDatabase database, int target) {
        int head = database.revisions().headVersion();
        Flyway flyway = target == head ? database.flyway() : Flyway.configure()
                .configuration(database.flyway().getConfiguration())
                .target(MigrationVersion.fromVersion(String.valueOf(target))).load();
        try (MigrationLock.Held held = database.lock().acquire()) {
            acceptLegacyChecksums(database);
            int beforeVersion = AlembicAdoption.adoptIfNeeded(database.id(), database.target().backend(),
                    database.migrationDataSource(), database.flyway(), database.revisions())
                    .map(r -> Integer.parseInt(r.getVersion().getVersion())).orElseGet(() -> currentVersion(database));
            String before = describe(database, beforeVersion);
            log.info("{}: {} at {}, head is {}", database.id(), database.target(), before,
                    describe(database, database.revisions().headVersion()));
            // PostgreSQL: a revision whose locks are not granted in time rolls back and the run starts again from there
            MigrateResult result = database.lockRetry().run(flyway::migrate);
            int afterVersion = versionAfter(database, result, beforeVersion);
            if (afterVersion > 0) {
                AlembicAdoption.syncAlembicVersion(database.id(), database.migrationDataSource(),
                        database.revisions().revisions().get(afterVersion - 1));
            }
            String after = describe(database, afterVersion);
            log.info("{}: now at {}", database.id(), after);
            return new MigrationOutcome(database.id(), before, after, result.migrationsExecuted, afterVersion == head);
        } catch (LockRetriesSpentException e) {
            throw new MigrationFailedException(database.id(), e.getMessage() + "; the database is at "
                    + describe(database, currentVersion(database)), e);
        } catch (MigrationException e) {
            throw new MigrationFailedException(database.id(), e.getMessage().replaceFirst("^" + database.id() + ": ", ""), e);
        } catch (FlywayException e) {
            List<String> problems = problems(database);
            if (!problems.isEmpty()) {
                throw new MigrationFailedException(database.id(), problems.get(0) + "; nothing was changed", e);
            }
            int reached = currentVersion(database);
            // grouped revisions roll back together: the one that failed may lie past reached + 1
            String failed = failedVersion(e).map(v -> describe(database, v))
                    .orElse(reached < head ? describe(database, reached + 1) : "validation");
            throw new MigrationFailedException(database.id(), "revision " + failed + " failed, the database is at "
                    + describe(database, reached) + ": " + rootMessage(e), e);
        }
    }

    /** A database the previous build migrated carries its checksums: rewritten where the revision is unchanged. */
    private static void acceptLegacyChecksums(ManagedDatabase database) {
        try {
            List<Integer> rewritten = HistoryChecksums.acceptLegacy(database.migrationDataSource(),
                    database.historyTable(), database.revisions());
            if (!rewritten.isEmpty()) {
                log.info("{}: recorded this build's checksums for unchanged revisions {}", database.id(), rewritten);
            }
        } catch (SQLException e) {
            throw new MigrationFailedException(database.id(), "cannot read the revision history: " + e.getMessage()
                    + "; nothing was changed", e);
        }
    }

    /**
     * Where the migration ended, from its result: a no-op start then reads the history only once
     * (each read is a Flyway info, tens of milliseconds on PostgreSQL; see BENCHMARKS.md).
     */
    private static int versionAfter(ManagedDatabase database, MigrateResult result, int beforeVersion) {
        if (result.migrationsExecuted == 0) {
            return beforeVersion;
        }
        return result.targetSchemaVersion == null ? currentVersion(database) : Integer.parseInt(result.targetSchemaVersion);
    }

    /** The version of the revision Flyway reports as failed, when it names one. */
    private static java.util.Optional<Integer> failedVersion(FlywayException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FlywayMigrateException migrate && migrate.getMigration() != null
                    && migrate.getMigration().getVersion() != null) {
                return java.util.Optional.of(Integer.parseInt(migrate.getMigration().getVersion().getVersion()));
            }
        }
        return java.util.Optional.empty();
    }

    /** What in the history stops this build (an unknown, failed or edited revision), read after Flyway refused. */
    private static List<String> problems(ManagedDatabase database) {
        try {
            return DatabaseStatus.read(database).problems();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The highest applied version, 0 for a database without history. */
    public static int currentVersion(ManagedDatabase database) {
        MigrationInfoService info = database.flyway().info();
        MigrationInfo current = info.current();
        return current == null || current.getVersion() == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
    }

    /** {@code V3 (ee82dd99bfc0)}, or {@code V0 (empty)}. */
    public static String describe(ManagedDatabase database, int version) {
        return database.revisions().describe(version);
    }

    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }
}
