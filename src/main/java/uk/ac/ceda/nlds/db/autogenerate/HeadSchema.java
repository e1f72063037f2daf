package uk.ac.ceda.nlds.db.autogenerate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionRuntime;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;

/** The schema at head that autogenerate compares with the entity model. */
final class HeadSchema {

    private HeadSchema() {
    }

    /** Runs every revision on a scratch SQLite file and reads the result, enum label sets included. */
    static DatabaseSchema scratch(String database, RevisionCatalogue revisions) {
        EnumColumns enums = new EnumColumns();
        RevisionCatalogue recorded = revisions.withRuntime(new RevisionRuntime(database, Backend.SQLITE,
                property -> null, ProgressListener.NONE, enums));
        Path file = null;
        try {
            file = Files.createTempFile("nlds-db-autogenerate-" + database, ".db");
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                connection.setAutoCommit(false);
                for (int version = 1; version <= recorded.headVersion(); version++) {
                    recorded.at(version).apply(connection);
                }
                connection.commit();
                return enums.overlay(Dialect.of(Backend.SQLITE).inspector().inspect(connection));
            }
        } catch (Exception e) {
            throw new MigrationException(database + ": cannot build the head schema in a scratch database: "
                    + e.getMessage(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** The configured database, which must be at head; on SQLite its enum columns are typed as the revisions typed them. */
    static DatabaseSchema configured(ManagedDatabase database) {
        DatabaseStatus status = DatabaseStatus.read(database);
        if (!status.atHead() || !status.problems().isEmpty()) {
            throw new InvalidInputException(database.id() + " is at " + status.label() + ", not at head V"
                    + status.head() + (status.problems().isEmpty() ? "" : " (" + status.problems().get(0) + ")")
                    + ": run upgrade first, or autogenerate against a scratch database");
        }
        try (Connection connection = database.migrationDataSource().getConnection()) {
            DatabaseSchema live = Dialect.of(database.target().backend()).inspector().inspect(connection);
            if (database.target().backend() == Backend.POSTGRESQL) {
                return live;
            }
            EnumColumns enums = new EnumColumns();
            RevisionCatalogue recorded = database.revisions().withRuntime(new RevisionRuntime(database.id(),
                    Backend.SQLITE, property -> null, ProgressListener.NONE, enums));
            try (Connection scratch = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                for (int version = 1; version <= recorded.headVersion(); version++) {
                    recorded.at(version).apply(scratch);
                }
            }
            return enums.overlay(live);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException(database.id() + ": cannot read the schema: " + e.getMessage(), e);
        }
    }
}
