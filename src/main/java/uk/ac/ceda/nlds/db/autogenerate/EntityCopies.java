package uk.ac.ceda.nlds.db.autogenerate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/**
 * The service's current entity classes a revision's data step needs, read from their source files
 * and turned into nested static classes of the revision, so its data step keeps working after the
 * entities change. Names
 * that clash with the schema DSL's ({@code Table}, {@code Column}, …) are written fully qualified.
 */
final class EntityCopies {

    private static final Set<String> CLASHING = Set.of("Table", "Column", "Index", "UniqueConstraint", "ForeignKey");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+(\\.\\*)?);\\s*$");
    private static final Pattern TOP_LEVEL = Pattern.compile("^public\\s+(final\\s+)?(class|enum|record|interface)\\s");

    private final Set<String> imports;
    private final List<String> bodies;

    private EntityCopies(Set<String> imports, List<String> bodies) {
        this.imports = imports;
        this.bodies = bodies;
    }

    static EntityCopies none() {
        return new EntityCopies(Set.of(), List.of());
    }

    /**
     * Copies the classes named {@code wanted} from {@code folder} (the entity package's source
     * folder), with every class of the folder they refer to, so the copies compile on their own.
     */
    static EntityCopies of(Path folder, Set<String> wanted) throws IOException {
        Map<String, String> sources = sources(folder);
        Set<String> copied = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(wanted);
        while (!next.isEmpty()) {
            String name = next.pop();
            if (sources.containsKey(name) && copied.add(name)) {
                sources.keySet().stream().filter(other -> !copied.contains(other)
                        && Pattern.compile("\\b" + other + "\\b").matcher(sources.get(name)).find()).forEach(next::push);
            }
        }
        Set<String> imports = new TreeSet<>();
        List<String> bodies = new ArrayList<>();
        for (String name : copied) {
            bodies.add(copy(sources.get(name).lines().toList(), imports));
        }
        return new EntityCopies(imports, bodies);
    }

    /** The simple names of the classes in {@code folder}: what {@link #of} can copy. */
    static Set<String> available(Path folder) throws IOException {
        return sources(folder).keySet();
    }

    private static Map<String, String> sources(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("no entity sources at " + folder + ": run revision in the nlds-db source"
                    + " tree, or give --source-root");
        }
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
                    .toList()) {
                sources.put(file.getFileName().toString().replaceFirst("\\.java$", ""), Files.readString(file));
            }
        }
        return sources;
    }

    private static String copy(List<String> lines, Set<String> imports) {
        Set<String> qualify = new TreeSet<>();
        StringBuilder body = new StringBuilder();
        boolean started = false;
        for (String line : lines) {
            Matcher importLine = IMPORT.matcher(line);
            if (!started && (line.startsWith("package ") || line.isBlank())) {
                continue;
            }
            if (!started && importLine.matches()) {
                String name = importLine.group(2);
                String simple = name.substring(name.lastIndexOf('.') + 1);
                if (importLine.group(1) == null && CLASHING.contains(simple)) {
                    qualify.add(name);
                } else if (importLine.group(1) == null && simple.equals("*")) {
                    String pkg = name.substring(0, name.length() - 2);
                    CLASHING.forEach(clash -> qualify.add(pkg + "." + clash));
                    imports.add(name);
                } else {
                    imports.add((importLine.group(1) == null ? "" : "static ") + name);
                }
                continue;
            }
            started = true;
            String copied = TOP_LEVEL.matcher(line).find() ? line.replaceFirst("^public\\s+(final\\s+)?", "static ")
                    .replace("static enum ", "enum ").replace("static interface ", "interface ") : line;
            for (String name : qualify) {
                String simple = name.substring(name.lastIndexOf('.') + 1);
                copied = copied.replaceAll("(?<![\\w.])@" + simple + "\\b", "@" + name);
            }
            body.append(copied).append('\n');
        }
        return body.toString().stripTrailing();
    }

    boolean isEmpty() {
        return bodies.isEmpty();
    }

    /** Imports the copies need (static ones prefixed {@code static }). */
    Set<String> imports() {
        return imports;
    }

    String nestedClasses(String indent) {
        StringBuilder out = new StringBuilder();
        for (String body : bodies) {
            out.append('\n');
            body.lines().forEach(line -> out.append(line.isEmpty() ? "" : indent + line).append('\n'));
        }
        return out.toString();
    }
}
