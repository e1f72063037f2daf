package uk.ac.ceda.nlds.db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum of a Java revision: CRC32 of its source text, which the build packages next to
 * the class. Line endings and trailing blanks do not count, so the same source gives the same
 * checksum on every platform and compiler, and any real edit is detected by Flyway's validation.
 */
public final class RevisionChecksum {

    private RevisionChecksum() {
    }

    public static int of(Class<?> revisionClass) {
        String resource = revisionClass.getSimpleName() + ".java";
        try (InputStream in = revisionClass.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the source of revision " + revisionClass.getName()
                        + " is not on the classpath; build with Maven, which packages revision sources");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the source of revision " + revisionClass.getName(), e);
        }
    }

    static int of(String source) {
        CRC32 crc = new CRC32();
        source.lines().map(String::stripTrailing)
                .forEach(line -> crc.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }
}
