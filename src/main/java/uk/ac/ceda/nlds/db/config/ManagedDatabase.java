package uk.ac.ceda.nlds.db.config;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.util.function.SingletonSupplier;

import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionGrouping;
import uk.ac.ceda.nlds.db.migration.RevisionRuntime;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.dialect.DeferredRebuilds;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.lock.LockTimeoutRetry;
import uk.ac.ceda.nlds.db.migration.lock.MigrationLock;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.progress.RunningRevision;

/**
 * One database as the migration side sees it: where it is, its revisions, the DataSource they
 * run on, the Flyway instance that records them in the database's own history table, the lock
 * that serialises migrations across processes, and (PostgreSQL) the retry of a revision whose
 * locks were not granted within {@code nlds.migration.lock-timeout}.
 */
public record ManagedDatabase(DatabaseTarget target, RevisionCatalogue revisions, DataSource migrationDataSource,
        String historyTable, Supplier<Flyway> flywayLoader, MigrationLock lock, LockTimeoutRetry lockRetry) {

    static final String POSTGRESQL_TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

    public static ManagedDatabase create(DatabaseTarget target, DataSource migrationDataSource,
            Function<String, String> settings, ProgressListener progress, List<String> extraMigrationPackages) {
        return create(target, migrationDataSource, settings, progress, extraMigrationPackages, configuration -> {
        });
    }

    /** The same, with {@code customizer} adjusting the Flyway configuration ({@link DatabaseFlywayCustomizer}). */
    public static ManagedDatabase create(DatabaseTarget target, DataSource migrationDataSource,
            Function<String, String> settings, ProgressListener progress, List<String> extraMigrationPackages,
            Consumer<FluentConfiguration> customizer) {
        LockPolicy policy = LockPolicy.from(settings);
        RunningRevision running = new RunningRevision();
        RevisionRuntime runtime = new RevisionRuntime(target.database().id(), target.backend(), settings,
                ProgressListener.of(progress, running));
        List<String> packages = new java.util.ArrayList<>(List.of(target.database().migrationPackage()));
        packages.addAll(extraMigrationPackages);
        RevisionCatalogue revisions = RevisionCatalogue.load(runtime, packages);
        FluentConfiguration configuration = Flyway.configure(ManagedDatabase.class.getClassLoader())
                // wait behind another replica's migration as long as it takes, not 50 tries
                .lockRetryCount(-1)
                // SQLite has no database user: record who ran it (PostgreSQL records its role)
                .installedBy(target.backend() == Backend.SQLITE ? System.getProperty("user.name") : null)
                // pending revisions in one transaction or one each (nlds.migration.group)
                .group(RevisionGrouping.from(settings).groups(target.backend()));
        customizer.accept(configuration);
        configuration
                // PostgreSQL: one connection for the revision and its history row, so both commit
                // together; with Flyway's default two connections a crash between the revision's
                // commit and the history insert leaves a migrated database recorded one revision behind
                .configuration(Map.of(POSTGRESQL_TRANSACTIONAL_LOCK, "false"))
                .dataSource(deferRebuilds(target.backend(), settings) ? DeferredRebuilds.deferring(migrationDataSource)
                        : migrationDataSource)
                .locations(new String[0]) // the revisions are handed over below, not scanned by Flyway
                .javaMigrations(revisions.revisions().toArray(JavaMigration[]::new))
                .table(FlywayHistory.TABLE)
                .baselineOnMigrate(false)
                .cleanDisabled(true)
                // an applied revision this build does not know must stop it, not be skipped
                .ignoreMigrationPatterns(new String[0]);
        // loaded on first use: a start that finds the database at head never needs Flyway, and its first
        // load in a process costs most of a second
        Supplier<Flyway> flyway = SingletonSupplier.of(configuration::load);
        if (target.backend() == Backend.POSTGRESQL) {
            String id = target.database().id();
            return new ManagedDatabase(target, revisions, migrationDataSource, configuration.getTable(), flyway,
                    MigrationLock.postgres(id, migrationDataSource, policy.lockWait(), progress),
                    LockTimeoutRetry.postgres(id, migrationDataSource, policy, running::label, progress));
        }
        return new ManagedDatabase(target, revisions, migrationDataSource, configuration.getTable(), flyway,
                sqliteLock(target), LockTimeoutRetry.none());
    }

    /** The Flyway instance that records this database's revisions, loaded on first use. */
    public Flyway flyway() {
        return flywayLoader.get();
    }

    /** A SQLite group defers its table rebuilds until needed ({@code nlds.migration.defer-rebuilds}, on by default). */
    static boolean deferRebuilds(Backend backend, Function<String, String> settings) {
        return backend == Backend.SQLITE && RevisionGrouping.from(settings).groups(backend)
                && DeferredRebuilds.enabled(settings.apply(DeferredRebuilds.PROPERTY));
    }

    private static MigrationLock sqliteLock(DatabaseTarget target) {
        return target.sqliteFile().map(file -> MigrationLock.sqliteFile(target.database().id(), file))
                .orElse(MigrationLock.NONE);
    }

    public String id() {
        return target.database().id();
    }
}
