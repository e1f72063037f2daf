package uk.ac.ceda.nlds.db.cli;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.startup.DatabaseStatus;

/** Refusals shared by the verbs that change a database. */
final class Problems {

    private Problems() {
    }

    /** A history this build cannot trust (unknown, failed or edited revisions) stops every change. */
    static void refuseIfAny(DatabaseStatus status) {
        if (!status.problems().isEmpty()) {
            throw new MigrationException(status.database() + ": " + status.problems().get(0) + "; nothing was changed");
        }
    }

    static int unversioned(ManagedDatabase database) {
        throw new InvalidInputException(database.id() + " has tables but no revision history, so a relative target"
                + " means nothing: name the revision, or stamp it first");
    }
}
