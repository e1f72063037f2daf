package uk.ac.ceda.nlds.db.migration.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp;

/**
 * The pending revisions of one database, rehearsed, sized and timed: what each would do and how
 * long it would take. Reads the database; changes nothing in it.
 */
public record PendingWork(List<PlannedRevision> revisions, List<TableSize> tables) {

    public static PendingWork between(RevisionCatalogue revisions, int from, int to, DataSource dataSource) {
        if (to <= from) {
            return new PendingWork(List.of(), List.of());
        }
        String database = revisions.runtime().database();
        Backend backend = revisions.runtime().backend();
        List<Rehearsal.RehearsedRevision> rehearsed = Rehearsal.run(revisions, from, to, dataSource);
        Map<String, TableSize> sizes = sizes(database, backend, dataSource, touchedTables(rehearsed));
        StepEstimates estimates = new StepEstimates(backend, sizes, from == 0 ? Calibration.NONE
                : Calibration.measure(database, backend, dataSource));
        return new PendingWork(rehearsed.stream().map(estimates::plan).toList(), List.copyOf(sizes.values()));
    }

    /**
     * The pending revisions named, not rehearsed: no steps, settings or estimate, for an empty
     * database whose revisions only create what they change (see MigrationPlanner#beforeMigrating).
     */
    public static PendingWork listed(RevisionCatalogue revisions, int from, int to) {
        List<PlannedRevision> listed = new java.util.ArrayList<>();
        for (int version = from + 1; version <= to; version++) {
            Revision revision = revisions.at(version);
            listed.add(new PlannedRevision(version, revision.alembicId(), revision.getDescription(), List.of(),
                    List.of(), null, List.of(), 0));
        }
        return new PendingWork(List.copyOf(listed), List.of());
    }

    public double seconds() {
        return revisions.stream().mapToDouble(PlannedRevision::seconds).sum();
    }

    private static Set<String> touchedTables(List<Rehearsal.RehearsedRevision> rehearsed) {
        Set<String> tables = new LinkedHashSet<>();
        for (Rehearsal.RehearsedRevision revision : rehearsed) {
            for (Rehearsal.Recorded recorded : revision.steps()) {
                switch (recorded) {
                    case Rehearsal.SchemaBatch batch -> batch.ops().stream().map(SchemaOp::table)
                            .filter(t -> t != null).forEach(tables::add);
                    case Rehearsal.DataStep data -> tables.addAll(data.tables());
                }
            }
        }
        return tables;
    }

    private static Map<String, TableSize> sizes(String database, Backend backend, DataSource dataSource,
            Set<String> tables) {
        try (Connection connection = dataSource.getConnection()) {
            return TableSize.read(connection, backend, tables);
        } catch (SQLException e) {
            throw new MigrationException(database + ": cannot count the rows of " + tables + ": " + e.getMessage(), e);
        }
    }
}
