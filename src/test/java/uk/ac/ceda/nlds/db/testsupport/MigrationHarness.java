package uk.ac.ceda.nlds.db.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

import uk.ac.ceda.nlds.db.config.DataSourceFactory;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;

/** Runs this project's revisions against a test database without starting Spring. */
public final class MigrationHarness {

    /** The settings revision 3 needs, as the fixtures were made with them. */
    public static final Map<String, String> FIXTURE_SETTINGS = Map.of(
            "nlds.migration.default-tenancy", "nlds-tenancy.example.org",
            "nlds.migration.default-tape-url", "root://tape.example.org//eos/nlds");

    private MigrationHarness() {
    }

    public static ManagedDatabase managed(NldsDatabase database, TestDatabase db) {
        return managed(database, db, FIXTURE_SETTINGS, List.of());
    }

    /** With {@code extraPackages} after the chain's own test-only packages ({@link RevisionChain}). */
    public static ManagedDatabase managed(NldsDatabase database, TestDatabase db, Map<String, String> settings,
            List<String> extraPackages) {
        DatabaseTarget target = new DatabaseTarget(database, db.backend(), db.url(), db.user(), db.password());
        List<String> packages = new ArrayList<>(RevisionChain.extraPackages(database));
        packages.addAll(extraPackages);
        return ManagedDatabase.create(target, DataSourceFactory.migrationDataSource(target, Duration.ofSeconds(30),
                LockPolicy.from(settings::get)), settings::get, ProgressListener.NONE, packages);
    }

    public static void migrateToHead(ManagedDatabase database) {
        migrateTo(database, database.revisions().headVersion());
    }

    /** Migrates up to and including {@code version}. */
    public static void migrateTo(ManagedDatabase database, int version) {
        Flyway.configure().configuration(database.flyway().getConfiguration())
                .target(MigrationVersion.fromVersion(String.valueOf(version))).load().migrate();
    }
}
