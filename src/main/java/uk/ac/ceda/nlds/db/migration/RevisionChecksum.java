package uk.ac.ceda.nlds.db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 */
public final class RevisionChecksum {

    private RevisionChecksum() {
    }

    public static int of(Class<?> revisionClass) {
        return of(source(revisionClass));
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

    private static String source(Class<?> revisionClass) {
        String resource = revisionClass.getSimpleName() + ".java";
        try (InputStream in = revisionClass.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the source of revision " + revisionClass.getName()
                        + " is not on the classpath; build with Maven, which packages revision sources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the source of revision " + revisionClass.getName(), e);
        }
    }
}
