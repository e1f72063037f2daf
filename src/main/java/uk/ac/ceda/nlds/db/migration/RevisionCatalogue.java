package uk.ac.ceda.nlds.db.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The revisions of one database, found in its migration packages, bound to their runtime and
 * checked: versions 1…N without gaps, one Alembic id each.
 */
public final class RevisionCatalogue {

    /** A revision's own class file; nested classes ({@code V3__…$Location.class}) are not revisions. */
    private static final Pattern REVISION_CLASS_FILE = Pattern.compile("V(\\d+)__[^$]+\\.class");

    private final RevisionRuntime runtime;
    private final List<Revision> revisions;

    private RevisionCatalogue(RevisionRuntime runtime, List<Revision> revisions) {
        this.runtime = runtime;
        this.revisions = List.copyOf(revisions);
    }

    public static RevisionCatalogue load(RevisionRuntime runtime, List<String> packages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Revision.class));
        List<Revision> revisions = new ArrayList<>();
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                revisions.add(instantiate(candidate.getBeanClassName(), runtime));
            }
        }
        revisions.sort(Comparator.comparing(Revision::getVersion));
        check(runtime.database(), revisions);
        return new RevisionCatalogue(runtime, revisions);
    }

    /**
     * The highest revision version in {@code packages}, read from the class files' names
     * ({@code V3__Add_storage_url_fields.class}) without loading a class or a Spring context: for a
     * look at the databases before the context starts. {@link #load} is what checks the revisions.
     */
    public static int highestVersionIn(List<String> packages) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        int highest = 0;
        for (String pkg : packages) {
            try {
                for (Resource file : resolver.getResources("classpath*:" + pkg.replace('.', '/') + "/V*__*.class")) {
                    Matcher name = REVISION_CLASS_FILE.matcher(String.valueOf(file.getFilename()));
                    if (name.matches()) {
                        highest = Math.max(highest, Integer.parseInt(name.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the revisions in " + pkg, e);
            }
        }
        return highest;
    }

    /** Revisions given directly (tests, generated code loaded at run time), bound and checked like scanned ones. */
    public static RevisionCatalogue of(RevisionRuntime runtime, List<Revision> given) {
        List<Revision> revisions = new ArrayList<>(given);
        revisions.forEach(r -> r.bind(runtime));
        revisions.sort(Comparator.comparing(Revision::getVersion));
        check(runtime.database(), revisions);
        return new RevisionCatalogue(runtime, revisions);
    }

    private static Revision instantiate(String className, RevisionRuntime runtime) {
        try {
            return instantiate(Class.forName(className), runtime);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot create revision " + className, e);
        }
    }

    private static Revision instantiate(Class<?> revisionClass, RevisionRuntime runtime) {
        String className = revisionClass.getName();
        try {
            Revision revision = (Revision) revisionClass.getDeclaredConstructor().newInstance();
            revision.bind(runtime);
            return revision;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create revision " + className, e);
        }
    }

    private static void check(String database, List<Revision> revisions) {
        Set<String> alembicIds = new HashSet<>();
        for (int i = 0; i < revisions.size(); i++) {
            Revision revision = revisions.get(i);
            String expected = String.valueOf(i + 1);
            if (!revision.getVersion().getVersion().equals(expected)) {
                throw new IllegalStateException(database + " revisions must be numbered V1…V" + revisions.size()
                        + " without gaps, but V" + expected + " is " + revision.getClass().getSimpleName());
            }
            if (!alembicIds.add(revision.alembicId())) {
                throw new IllegalStateException(database + " has two revisions for Alembic id " + revision.alembicId());
            }
        }
    }

    /** The same revisions, new instances bound to another runtime (a scratch database, quiet progress). */
    public RevisionCatalogue withRuntime(RevisionRuntime runtime) {
        return new RevisionCatalogue(runtime, revisions.stream().map(r -> instantiate(r.getClass(), runtime)).toList());
    }

    /** What the revisions were bound to: the database, its backend and the service's settings. */
    public RevisionRuntime runtime() {
        return runtime;
    }

    public List<Revision> revisions() {
        return revisions;
    }

    /** The revision with version {@code version} (1…head). */
    public Revision at(int version) {
        return revisions.get(version - 1);
    }

    public java.util.Optional<Revision> byAlembicId(String alembicId) {
        return revisions.stream().filter(r -> r.alembicId().equals(alembicId)).findFirst();
    }

    /** {@code V3 (ee82dd99bfc0)}, {@code V0 (empty)}, or a version this build does not know. */
    public String describe(int version) {
        if (version == 0) {
            return "V0 (empty)";
        }
        if (version > headVersion()) {
            return "V" + version + " (unknown to this build)";
        }
        return at(version).label();
    }

    public Revision head() {
        return revisions.get(revisions.size() - 1);
    }

    public int headVersion() {
        return revisions.size();
    }
}
