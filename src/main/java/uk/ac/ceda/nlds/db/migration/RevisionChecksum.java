package uk.ac.ceda.nlds.db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The checksum of a Java revision, from its source text, which the build packages next to the
 * class: CRC32 of what the source means rather than how it is laid out ({@link JavaTokens}), so
 * reformatting, re-commenting or reordering the imports of an applied revision changes nothing,
 * while any change to what it does is detected by Flyway's validation.
 *
 * <p>Builds before this one recorded the {@linkplain #legacy legacy checksum}, the CRC32 of the
 * whole text (lines without trailing blanks). A recorded legacy checksum of this build's very
 * source means the revision is unchanged: it is accepted and rewritten ({@link HistoryChecksums}).
 *
 * <p>A type a revision names may move to another package: its new name is read as the old one
 * ({@link #MOVED_TYPES}), so mending an applied revision's import after the move keeps both checksums.
 */
public final class RevisionChecksum {

    /** Types that moved after revisions naming them were applied: new qualified name to the recorded one. */
    static final Map<String, String> MOVED_TYPES = Map.of(
            "uk.ac.ceda.nlds.db.migration.core.MigrationException", "uk.ac.ceda.nlds.db.migration.MigrationException");

    private RevisionChecksum() {
    }

    /** Read and tokenised once per class: Flyway and the no-op check ask for it on every start, the source never changes. */
    private static final ClassValue<Integer> CHECKSUMS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> revisionClass) {
            return of(source(revisionClass));
        }
    };

    public static int of(Class<?> revisionClass) {
        return CHECKSUMS.get(revisionClass);
    }

    public static int legacyOf(Class<?> revisionClass) {
        return legacy(source(revisionClass));
    }

    static int of(String source) {
        CRC32 crc = new CRC32();
        for (String token : JavaTokens.of(source)) {
            crc.update(token.getBytes(StandardCharsets.UTF_8));
            crc.update(0); // a separator no token contains
        }
        return (int) crc.getValue();
    }

    /** The previous builds' checksum: the text line by line, trailing blanks and line endings aside. */
    static int legacy(String source) {
        CRC32 crc = new CRC32();
        source.lines().map(String::stripTrailing)
                .forEach(line -> crc.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    /** The source as it was when applied: moved types under their old names. */
    static String asRecorded(String source) {
        for (Map.Entry<String, String> moved : MOVED_TYPES.entrySet()) {
            source = source.replace(moved.getKey(), moved.getValue());
        }
        return source;
    }

    private static String source(Class<?> revisionClass) {
        String resource = revisionClass.getSimpleName() + ".java";
        try (InputStream in = revisionClass.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the source of revision " + revisionClass.getName()
                        + " is not on the classpath; build with Maven, which packages revision sources");
            }
            return asRecorded(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the source of revision " + revisionClass.getName(), e);
        }
    }
}
