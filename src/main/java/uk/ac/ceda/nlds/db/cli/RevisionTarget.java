package uk.ac.ceda.nlds.db.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/**
 * A revision as an operator names it: {@code head}, {@code base}, a version number, an Alembic
 * id, or a step relative to where each database is ({@code +2}, {@code -1}). It is resolved per
 * database, since the two can stand at different revisions.
 */
public record RevisionTarget(Kind kind, int number, String alembicId, String text) {

    public enum Kind {
        HEAD, BASE, VERSION, ALEMBIC_ID, RELATIVE
    }

    private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,6})");
    private static final Pattern VERSION = Pattern.compile("[vV]?(\\d{1,6})");
    private static final Pattern ALEMBIC_ID = Pattern.compile("[0-9a-f]{12}");

    public static final RevisionTarget HEAD = new RevisionTarget(Kind.HEAD, 0, null, "head");

    public static RevisionTarget parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("head")) {
            return HEAD;
        }
        if (t.equalsIgnoreCase("base")) {
            return new RevisionTarget(Kind.BASE, 0, null, t);
        }
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            int steps = Integer.parseInt(relative.group(2));
            return new RevisionTarget(Kind.RELATIVE, relative.group(1).equals("-") ? -steps : steps, null, t);
        }
        Matcher version = VERSION.matcher(t);
        if (version.matches()) {
            return new RevisionTarget(Kind.VERSION, Integer.parseInt(version.group(1)), null, t);
        }
        if (ALEMBIC_ID.matcher(t).matches()) {
            return new RevisionTarget(Kind.ALEMBIC_ID, 0, t, t);
        }
        throw new InvalidInputException("'" + text + "' is not a revision: give a version number (5), an Alembic id"
                + " (f1f20ae58def), head, base, +N or -N");
    }

    /** The version this target means for a database at {@code current}; refuses what does not exist. */
    public int resolve(String database, int current, RevisionCatalogue revisions) {
        int head = revisions.headVersion();
        int version = switch (kind) {
            case HEAD -> head;
            case BASE -> 0;
            case VERSION -> number;
            case ALEMBIC_ID -> revisions.byAlembicId(alembicId).map(r -> Integer.parseInt(r.getVersion().getVersion()))
                    .orElseThrow(() -> new InvalidInputException(database + ": Alembic id " + alembicId
                            + " is not a revision this build knows; see the history command"));
            case RELATIVE -> current + number;
        };
        if (version < 0 || version > head) {
            String where = kind == Kind.RELATIVE ? database + " is at " + revisions.describe(current) + ", so " + text
                    + " leads to V" + version + ", but" : database + ": V" + version + " does not exist,";
            throw new InvalidInputException(where + " this build knows V0 (base) to V" + head + " (head)");
        }
        return version;
    }

    /**
     * Refuses a target no database of this build can reach (V42, an unknown Alembic id), from the
     * revisions alone, before anything connects; a relative target depends on where each database is.
     */
    public void checkExists(String database, RevisionCatalogue revisions) {
        if (kind != Kind.RELATIVE) {
            resolve(database, 0, revisions);
        }
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** Lets picocli parse targets, so a malformed one is a usage error before anything starts. */
    public static final class Converter implements ITypeConverter<RevisionTarget> {
        @Override
        public RevisionTarget convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
