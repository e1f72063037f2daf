package uk.ac.ceda.nlds.db.testsupport;

import java.util.Arrays;
import java.util.List;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.RevisionRuntime;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.progress.ProgressListener;

/**
 * The revision chain as the tests run it, so they speak of "head", "the revision before head" and
 * "the first revision" rather than of V9: this build's revisions plus any test-only packages named
 * by the system properties {@code nlds.migration.extra-packages.catalog} / {@code .monitor} (the
 * service's own property, so in-process Spring contexts see the same chain). Running tests with
 * {@code testsupport.next.catalog.migration} and {@code testsupport.next.monitor.migration} there adds a no-op V10 and
 * shows that a new revision needs no test edits.
 */
public final class RevisionChain {

    /** The last revision of the original Alembic chain: the reference schemas and fixtures end here. */
    public static final int LAST_ALEMBIC_REVISION = 9;

    private RevisionChain() {
    }

    /** Test-only revision packages appended to {@code database}'s own, from the system property. */
    public static List<String> extraPackages(NldsDatabase database) {
        String packages = System.getProperty("nlds.migration.extra-packages." + database.id(), "");
        return Arrays.stream(packages.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    public static RevisionCatalogue of(NldsDatabase database) {
        RevisionRuntime runtime = new RevisionRuntime(database.id(), Backend.SQLITE, name -> null, ProgressListener.NONE);
        List<String> packages = new java.util.ArrayList<>(List.of(database.migrationPackage()));
        packages.addAll(extraPackages(database));
        return RevisionCatalogue.load(runtime, packages);
    }

    /** Head's version; every revision exists in both databases, so it is the same for both. */
    public static int head() {
        int catalog = of(NldsDatabase.CATALOG).headVersion();
        int monitor = of(NldsDatabase.MONITOR).headVersion();
        if (catalog != monitor) {
            throw new IllegalStateException("catalog head V" + catalog + " but monitor head V" + monitor);
        }
        return catalog;
    }

    /** {@code V9 (82701862649a)}: how messages name head. */
    public static String headLabel() {
        return label(head());
    }

    /** {@code V3 (ee82dd99bfc0)}, {@code V0 (empty)}: how messages name a revision (the same in both databases). */
    public static String label(int version) {
        return of(NldsDatabase.CATALOG).describe(version);
    }

    public static String headAlembicId() {
        return of(NldsDatabase.CATALOG).head().alembicId();
    }
}
