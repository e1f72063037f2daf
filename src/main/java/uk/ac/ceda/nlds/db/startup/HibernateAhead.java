package uk.ac.ceda.nlds.db.startup;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import uk.ac.ceda.nlds.db.config.DataSourceFactory;
import uk.ac.ceda.nlds.db.config.DatabaseConfiguration;
import uk.ac.ceda.nlds.db.config.DatabaseTarget;
import uk.ac.ceda.nlds.db.config.DatabaseTargets;
import uk.ac.ceda.nlds.db.config.NldsDbProperties;
import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;
import uk.ac.ceda.nlds.db.migration.lock.LockPolicy;
import uk.ac.ceda.nlds.db.migration.plan.HibernateWarmUp;

/**
 * For {@code --migrate-only}: Hibernate's first start (seconds of class loading, which the plan's
 * rehearsal and the first data step need) begun beside the context's start, which keeps one core
 * busy and leaves the other idle, when a database has revisions to run: a SQLite file that does not
 * exist yet, a database without Flyway's history (a fresh install, or one the Alembic chain made),
 * or one whose history ends below the highest revision this build has (an upgrade: the plan
 * rehearses its pending revisions on Hibernate). A database at head starts nothing: a no-op run
 * pays only for the look. It only reads, on a thread of its own; a database it cannot read yet is
 * left to the coordinator, which waits for it and reports.
 */
final class HibernateAhead {

    private static final Logger log = LoggerFactory.getLogger(HibernateAhead.class);

    private HibernateAhead() {
    }

    /** Looks at both databases the settings name, on a thread of its own; settings that do not resolve start nothing. */
    static void startIfBehind(Environment environment) {
        Map<DatabaseTarget, DataSource> databases = new LinkedHashMap<>();
        try {
            NldsDbProperties properties = Binder.get(environment).bind("nlds.db", NldsDbProperties.class)
                    .orElseGet(NldsDbProperties::new);
            LockPolicy policy = LockPolicy.from(environment::getProperty);
            DatabaseTargets.resolve(properties).all().forEach(target -> databases.put(target,
                    DataSourceFactory.migrationDataSource(target, properties.getSqliteBusyTimeout(), policy)));
        } catch (RuntimeException e) {
            log.debug("Hibernate not started ahead, the settings do not resolve: {}", e.getMessage());
            return;
        }
        Thread.ofPlatform().daemon().name("hibernate-ahead").start(() -> databases.entrySet().stream()
                .filter(database -> behindHead(database.getKey(), database.getValue(), head(environment, database.getKey())))
                .map(database -> database.getKey().backend()).distinct().forEach(HibernateWarmUp::warmAhead));
    }

    private static int head(Environment environment, DatabaseTarget target) {
        List<String> packages = new ArrayList<>(List.of(target.database().migrationPackage()));
        packages.addAll(DatabaseConfiguration.extraPackages(environment, target.database()));
        return RevisionCatalogue.highestVersionIn(packages);
    }

    /**
     * Whether the database, reached through {@code dataSource} (the migration's, as the settings make
     * it), has revisions below {@code head} to run; false when it cannot be read: nothing is known.
     */
    static boolean behindHead(DatabaseTarget target, DataSource dataSource, int head) {
        if (target.sqliteFile().isPresent() && !Files.exists(target.sqliteFile().get())) {
            return true; // not opened: that would create it
        }
        try (Connection connection = dataSource.getConnection()) {
            return !Sql.hasTable(connection, FlywayHistory.TABLE) || highestApplied(connection) < head;
        } catch (SQLException | RuntimeException e) {
            log.debug("{}: not read ahead: {}", target.database().id(), e.getMessage());
            return false;
        }
    }

    /** The highest version the history records as applied (Flyway writes versions as text). */
    private static int highestApplied(Connection connection) throws SQLException {
        int highest = 0;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM " + FlywayHistory.TABLE + " WHERE success")) {
            while (rs.next()) {
                String version = rs.getString(1);
                if (version != null && version.chars().allMatch(Character::isDigit) && !version.isEmpty()) {
                    highest = Math.max(highest, Integer.parseInt(version));
                }
            }
        }
        return highest;
    }
}
