package uk.ac.ceda.nlds.db.migration.adopt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.ac.ceda.nlds.db.migration.AlembicVersionTable;
import uk.ac.ceda.nlds.db.migration.FlywayHistory;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;

/**
 * Takes over a database that Alembic managed: when it has {@code alembic_version} but no Flyway
 * history yet, the revision with that Alembic id is recorded as Flyway's baseline, so migration
 * continues from there. Anything it cannot read with certainty is refused before a change.
 */
public final class AlembicAdoption {

    private static final Logger log = LoggerFactory.getLogger(AlembicAdoption.class);
    /** Tables of the migration tools themselves, never part of an NLDS schema. */
    public static final Set<String> BOOKKEEPING_TABLES = Set.of(FlywayHistory.TABLE, AlembicVersionTable.NAME);

    private AlembicAdoption() {
    }

    /**
     * Records the baseline of a database without Flyway history: at the revision
     * {@code alembic_version} names, or for tables without any history at the revision its schema
     * identifies. Returns the adopted revision; empty when there was nothing to adopt.
     */
    public static Optional<Revision> adoptIfNeeded(String database, Backend backend, DataSource dataSource,
            Flyway flyway, RevisionCatalogue revisions) {
        Optional<Adoption> adoption = wouldAdopt(database, backend, dataSource, flyway, revisions);
        adoption.ifPresent(a -> {
            log.info(a.bySchema() ? "{}: the schema without history is {}; adopting it there"
                    : "{}: adopting the Alembic-managed database at {}", database, a.revision().label());
            baseline(flyway, a.revision(), a.baselineDescription());
        });
        return adoption.map(Adoption::revision);
    }

    /** Where a database without Flyway history would be adopted, and how that revision was found. */
    public record Adoption(Revision revision, boolean bySchema) {

        String baselineDescription() {
            return (bySchema ? "Identified by schema as " : "Adopted from Alembic ") + revision.alembicId();
        }
    }

    /**
     * What {@link #adoptIfNeeded} would record, read without changing anything; empty when there is
     * nothing to adopt. Refuses (a {@link MigrationException}) exactly where adoption would.
     */
    public static Optional<Adoption> wouldAdopt(String database, Backend backend, DataSource dataSource,
            Flyway flyway, RevisionCatalogue revisions) {
        if (!unversionedTables(database, dataSource, flyway).isEmpty()) {
            return Optional.of(new Adoption(SchemaIdentification.identify(database, backend, revisions, dataSource),
                    true));
        }
        return detect(database, dataSource, flyway, revisions).map(revision -> new Adoption(revision, false));
    }

    private static void baseline(Flyway flyway, Revision revision, String description) {
        Flyway.configure().configuration(flyway.getConfiguration())
                .baselineVersion(revision.getVersion())
                .baselineDescription(description)
                .load().baseline();
    }

    /**
     * The tables of a database that has neither Flyway history nor {@code alembic_version} (the
     * Python service also created tables straight from its models); empty for an empty database
     * or one with history of either kind.
     */
    public static List<String> unversionedTables(String database, DataSource dataSource, Flyway flyway) {
        try (Connection connection = dataSource.getConnection()) {
            if (Sql.hasTable(connection, flyway.getConfiguration().getTable())
                    || Sql.hasTable(connection, AlembicVersionTable.NAME)) {
                return List.of();
            }
            return tables(connection);
        } catch (SQLException e) {
            throw new MigrationException(database + ": cannot read the database's tables: " + e.getMessage(), e);
        }
    }

    /**
     * The revision an Alembic-managed database without Flyway history is at, read without changing
     * anything; empty when the database has Flyway history or is empty. Refuses what it cannot read.
     */
    public static Optional<Revision> detect(String database, DataSource dataSource, Flyway flyway,
            RevisionCatalogue revisions) {
        Optional<String> alembicId = alembicId(database, dataSource, flyway);
        if (alembicId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(revisions.byAlembicId(alembicId.get()).orElseThrow(() -> new MigrationException(database
                + ": alembic_version holds '" + alembicId.get() + "', which is not an NLDS revision this build knows ("
                + revisions.revisions().stream().map(Revision::alembicId).toList() + "); nothing was changed")));
    }

    /**
     * Keeps {@code alembic_version} on the Alembic id of the database's revision, so an operator can
     * still hand the database back to the Python service. Only where the table exists.
     */
    public static void syncAlembicVersion(String database, DataSource dataSource, Revision current) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            AlembicVersionTable.record(connection, current);
            connection.commit();
        } catch (SQLException e) {
            throw new MigrationException(database + ": cannot update alembic_version: " + e.getMessage(), e);
        }
    }

    private static Optional<String> alembicId(String database, DataSource dataSource, Flyway flyway) {
        String history = flyway.getConfiguration().getTable();
        try (Connection connection = dataSource.getConnection()) {
            if (Sql.hasTable(connection, history)) {
                return Optional.empty();
            }
            if (!Sql.hasTable(connection, AlembicVersionTable.NAME)) {
                return Optional.empty();
            }
            List<String> ids;
            try (Statement st = connection.createStatement()) {
                ids = AlembicVersionTable.ids(st);
            }
            if (ids.isEmpty() && tables(connection).equals(List.of(AlembicVersionTable.NAME))) {
                return Optional.empty(); // Alembic's base: nothing but its empty table
            }
            if (ids.size() != 1) {
                throw new MigrationException(database + ": alembic_version holds " + ids.size()
                        + " rows " + ids + " where Alembic keeps exactly one; fix it to the database's revision"
                        + " and start again, nothing was changed");
            }
            return Optional.of(ids.get(0));
        } catch (SQLException e) {
            throw new MigrationException(database + ": cannot read alembic_version: " + e.getMessage(), e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
