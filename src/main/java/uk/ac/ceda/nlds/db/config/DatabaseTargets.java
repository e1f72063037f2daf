package uk.ac.ceda.nlds.db.config;

import java.util.List;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/**
 * Both databases' resolved settings, checked together: they must not be the same SQLite file.
 * Resolving creates nothing: what migrates prepares the SQLite folders ({@link DatabaseTarget#prepareSqliteFolder}).
 */
public record DatabaseTargets(DatabaseTarget catalog, DatabaseTarget monitor) {

    public static DatabaseTargets resolve(NldsDbProperties properties) {
        DatabaseTarget catalog = DatabaseTarget.resolve(NldsDatabase.CATALOG, properties.getCatalog());
        DatabaseTarget monitor = DatabaseTarget.resolve(NldsDatabase.MONITOR, properties.getMonitor());
        if (catalog.sqliteFile().isPresent() && catalog.sqliteFile().equals(monitor.sqliteFile())) {
            throw new InvalidInputException("nlds.db.catalog.url and nlds.db.monitor.url name the same SQLite file "
                    + catalog.sqliteFile().get() + "; give each database its own file");
        }
        if (catalog.backend() == monitor.backend() && catalog.sqliteFile().isEmpty()
                && catalog.url().equals(monitor.url())) {
            throw new InvalidInputException("nlds.db.catalog.url and nlds.db.monitor.url name the same database "
                    + catalog.maskedUrl() + "; give each database its own");
        }
        return new DatabaseTargets(catalog, monitor);
    }

    public List<DatabaseTarget> all() {
        return List.of(catalog, monitor);
    }
}
