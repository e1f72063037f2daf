package uk.ac.ceda.nlds.db.startup;

import java.util.Optional;
import java.util.function.ToIntFunction;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;
import uk.ac.ceda.nlds.db.migration.plan.PendingWork;

/**
 * What an upgrade of one database would do, found the way the upgrade finds it (its status, the
 * adoption it would make, the pending revisions' own code) without changing anything.
 */
public final class MigrationPlanner {

    private MigrationPlanner() {
    }

    /**
     * {@code target} resolves the operator's target for the database's status and throws
     * {@link IllegalArgumentException} for one that cannot be planned (bad input, not a refusal).
     */
    public static DatabasePlan plan(ManagedDatabase database, ToIntFunction<DatabaseStatus> target) {
        return plan(database, target, true);
    }

    /**
     * The plan the coordinator logs and shows before migrating to head. An empty database's is the
     * list of revisions without their rehearsal: it has no rows to estimate and misses no setting
     * (revision 3 needs its settings only over location rows), and rehearsing every revision on a
     * scratch database cost a fresh install more than a second. What this leaves out is the plan's
     * warning for a setting that is set but malformed, which the revision itself still refuses
     * (leaving the revision before it); the {@code plan} verb still rehearses them.
     */
    public static DatabasePlan beforeMigrating(ManagedDatabase database) {
        return plan(database, status -> database.revisions().headVersion(), false);
    }

    private static DatabasePlan plan(ManagedDatabase database, ToIntFunction<DatabaseStatus> target,
            boolean rehearseEmpty) {
        String backend = database.target().backend().name();
        String url = database.target().maskedUrl();
        DatabaseStatus status;
        try {
            status = DatabaseStatus.read(database);
        } catch (MigrationException e) {
            return DatabasePlan.refused(database.id(), backend, url, "unknown", unnamed(database, e.getMessage()));
        }
        if (!status.problems().isEmpty()) {
            return DatabasePlan.refused(database.id(), backend, url, status.label(), status.problems().get(0));
        }
        int targetVersion = target.applyAsInt(status);
        RevisionCatalogue revisions = database.revisions();
        int from = status.version();
        String adoption = null;
        if (status.origin() == DatabaseStatus.Origin.ALEMBIC || status.origin() == DatabaseStatus.Origin.UNVERSIONED) {
            Optional<AlembicAdoption.Adoption> adopted;
            try {
                adopted = AlembicAdoption.wouldAdopt(database.id(), database.target().backend(),
                        database.migrationDataSource(), database.flyway(), revisions);
            } catch (MigrationException e) {
                return DatabasePlan.refused(database.id(), backend, url, status.label(),
                        unnamed(database, e.getMessage()));
            }
            if (adopted.isPresent()) {
                from = Integer.parseInt(adopted.get().revision().getVersion().getVersion());
                adoption = adopted.get().bySchema()
                        ? "tables without history; their schema identifies this revision, adopted there first"
                        : "Alembic-managed, adopted there first";
            }
        }
        boolean empty = status.origin() == DatabaseStatus.Origin.EMPTY && from == 0;
        PendingWork pending = empty && !rehearseEmpty ? PendingWork.listed(revisions, from, targetVersion)
                : PendingWork.between(revisions, from, targetVersion, database.migrationDataSource());
        double seconds = pending.seconds();
        return new DatabasePlan(database.id(), backend, url, from, revisions.describe(from), adoption, targetVersion,
                revisions.describe(targetVersion), pending.revisions(), pending.tables(), null, seconds,
                DatabasePlan.summaryOf(database.id(), pending.revisions(), seconds));
    }

    /** Refusals name their database; the plan names it already. */
    private static String unnamed(ManagedDatabase database, String message) {
        String prefix = database.id() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
