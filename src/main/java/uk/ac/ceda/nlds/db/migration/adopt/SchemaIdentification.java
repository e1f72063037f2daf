package uk.ac.ceda.nlds.db.migration.adopt;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionShapes;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.dialect.Dialect;
import uk.ac.ceda.nlds.db.migration.model.SchemaComparison;
import uk.ac.ceda.nlds.db.migration.model.SchemaDifference;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * Finds the revision of a database that has NLDS tables but no history of either kind (the
 * Python service also created tables straight from its models) by comparing its schema with the
 * schema each revision produces. Several revisions may look the same: that is still a unique
 * answer when the revisions between them change nothing for this database (the highest is taken);
 * otherwise, as when only enum labels differ on SQLite, it refuses and says how to stamp.
 */
final class SchemaIdentification {

    private SchemaIdentification() {
    }

    static Revision identify(String database, Backend backend, RevisionCatalogue revisions, DataSource dataSource) {
        List<RevisionShapes.Shape> shapes = RevisionShapes.upTo(database, backend, revisions, dataSource,
                revisions.headVersion());
        DatabaseSchema live = inspect(database, backend, dataSource);
        SchemaComparison comparison = new SchemaComparison(backend, AlembicAdoption.BOOKKEEPING_TABLES);
        List<Integer> matches = new ArrayList<>();
        List<List<SchemaDifference>> differences = new ArrayList<>();
        differences.add(List.of());
        for (int version = 1; version < shapes.size(); version++) {
            List<SchemaDifference> found = comparison.compare(shapes.get(version).schema(), live);
            differences.add(found);
            if (found.isEmpty()) {
                matches.add(version);
            }
        }
        if (matches.isEmpty()) {
            int nearest = nearest(differences);
            List<SchemaDifference> diff = differences.get(nearest);
            throw new MigrationException(database + ": the database has tables but no history, and its schema matches"
                    + " no revision; the nearest is " + revisions.describe(nearest) + " with " + diff.size()
                    + " differences: " + SchemaComparison.summary(diff) + "; restore alembic_version or repair the schema, nothing was changed");
        }
        int lowest = matches.get(0);
        int highest = matches.get(matches.size() - 1);
        boolean sameMeaning = shapes.subList(lowest + 1, highest + 1).stream().allMatch(RevisionShapes.Shape::noOp);
        if (!sameMeaning) {
            throw new MigrationException(database + ": the database has tables but no history, and its schema matches "
                    + matches.stream().map(v -> "V" + v).collect(Collectors.joining(", "))
                    + " alike, which differ in what their rows may hold; record the right one with: stamp VERSION --yes"
                    + " --db=" + database + ", nothing was changed");
        }
        return revisions.at(highest);
    }

    /** The revision with the fewest differences; on a tie the later one. */
    private static int nearest(List<List<SchemaDifference>> differences) {
        return java.util.stream.IntStream.range(1, differences.size()).boxed()
                .min(Comparator.<Integer>comparingInt(v -> differences.get(v).size()).thenComparing(v -> -v))
                .orElse(1);
    }

    private static DatabaseSchema inspect(String database, Backend backend, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(backend).inspector().inspect(connection);
        } catch (SQLException e) {
            throw new MigrationException(database + ": cannot read the schema: " + e.getMessage(), e);
        }
    }
}
