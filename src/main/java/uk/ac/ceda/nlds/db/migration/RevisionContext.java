package uk.ac.ceda.nlds.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.dialect.DeferredRebuilds;
import uk.ac.ceda.nlds.db.migration.dialect.Sql;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOperations;
import uk.ac.ceda.nlds.db.migration.progress.ProgressReporter;
import uk.ac.ceda.nlds.db.migration.schema.Table;

/** What a running revision works with: its connection, the schema DSL, settings, progress and entities. */
public final class RevisionContext {

    private final Connection connection;
    private final RevisionRuntime runtime;
    private final ProgressReporter progress;
    private final SchemaOperations schema;
    /** A factory over all the revision's nested entities, built before its first statement; null when it has none. */
    private final RevisionEntities prepared;

    RevisionContext(Connection connection, RevisionRuntime runtime, Revision revision, RevisionEntities prepared) {
        this.connection = connection;
        this.runtime = runtime;
        this.prepared = prepared;
        this.progress = ProgressReporter.of(runtime.progress(), runtime.database(), revision.label());
        this.schema = new SchemaOperations(connection, runtime.dialect(), progress, runtime.schemaLog());
    }

    /**
     * The revision's connection for raw SQL. With rebuilds deferred in a group, each statement first
     * brings the tables it could read or write to their real shape ({@link DeferredRebuilds#guarded}).
     */
    public Connection connection() {
        return deferred().map(d -> d.guarded(connection, progress)).orElse(connection);
    }

    private Optional<DeferredRebuilds> deferred() {
        return DeferredRebuilds.of(connection);
    }

    /** Rebuilds every table whose rebuild a group deferred: data steps may read or write any table. */
    void flushDeferred() throws SQLException {
        Optional<DeferredRebuilds> deferred = deferred();
        if (deferred.isPresent()) {
            deferred.get().flush(progress);
        }
    }

    public Backend backend() {
        return runtime.backend();
    }

    public String database() {
        return runtime.database();
    }

    public SchemaOperations schema() {
        return schema;
    }

    public ProgressReporter progress() {
        return progress;
    }

    /** The table as it is now in the database, if it exists (for revisions that repair leftovers). */
    public Optional<Table> table(String name) throws SQLException {
        Optional<Table> pending = deferred().isPresent() ? deferred().get().pendingShape(name) : Optional.empty();
        return pending.isPresent() ? pending : runtime.dialect().inspector().table(connection, name);
    }

    /** The single number a counting query returns. */
    public long count(String countSql) throws SQLException {
        return Sql.queryLong(connection(), countSql);
    }

    /**
     * For downgrades: refuses, before anything of the revision has changed, when going back would
     * lose {@code rows} rows ({@code what} names them for the operator).
     */
    public void refuseLoss(long rows, String what) {
        if (rows > 0) {
            throw new MigrationException("refused, going back would lose " + what + " (" + rows
                    + " rows); remove them first if that is intended");
        }
    }

    /** A setting of the service by property name, or null when it is not set. */
    public String setting(String property) {
        String value = runtime.settings().apply(property);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Runs {@code work} in a Hibernate session over the given entity classes (the revision's own
     * nested copies), on this revision's connection and inside its transaction.
     */
    public <R> R withEntities(List<Class<?>> entities, RevisionEntities.Work<R> work) throws Exception {
        flushDeferred();
        if (prepared != null && prepared.maps(entities)) {
            return prepared.run(connection, work);
        }
        try (RevisionEntities session = RevisionEntities.open(runtime.backend(), entities)) {
            return session.run(connection, work);
        }
    }

    /** The same as {@link #withEntities} for work that returns nothing. */
    public void useEntities(List<Class<?>> entities, RevisionEntities.VoidWork work) throws Exception {
        withEntities(entities, s -> {
            work.run(s);
            return null;
        });
    }
}
