package uk.ac.ceda.nlds.db.migration.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;

/**
 * The entity models as the build read them, so a process that does not otherwise start Hibernate
 * (the no-op {@code --migrate-only}) checks the schema without building Hibernate's metadata, which
 * cost most of a second of a one-second check. Written by {@link #main} when the classes are
 * compiled (Maven's process-classes phase), per backend and entity package, each with a fingerprint
 * of the class files it was read from: an entity, its superclasses, the enums its fields hold and
 * the package's {@code package-info}. A model whose classes changed since (a build that skipped the
 * phase) is not used, and the model is read from the classes as before.
 */
public final class EntityModelIndex {

    /** Beside this class: Spring Boot's repackaging would move a {@code META-INF} file out of the classes. */
    static final String RESOURCE = "uk/ac/ceda/nlds/db/migration/model/entity-models.ser";

    private record Entry(long fingerprint, DatabaseSchema schema) implements Serializable {
    }

    private EntityModelIndex() {
    }

    /** The model the build recorded for these classes, if it did and they are the same classes. */
    static Optional<DatabaseSchema> lookup(Backend backend, String pkg, List<Class<?>> entities) {
        Entry entry = Recorded.ENTRIES.get(key(backend, pkg));
        return entry != null && entry.fingerprint() == fingerprint(pkg, entities) ? Optional.of(entry.schema())
                : Optional.empty();
    }

    /** Read once, on first use; a build without the index has none. */
    private static final class Recorded {
        static final Map<String, Entry> ENTRIES = read();

        @SuppressWarnings("unchecked")
        private static Map<String, Entry> read() {
            try (InputStream in = EntityModelIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return Map.of();
                }
                try (ObjectInputStream objects = new ObjectInputStream(in)) {
                    return (Map<String, Entry>) objects.readObject();
                }
            } catch (IOException | ClassNotFoundException | ClassCastException e) {
                return Map.of(); // unreadable (another build's classes): read the models from the classes
            }
        }
    }

    private static String key(Backend backend, String pkg) {
        return backend + " " + pkg;
    }

    /** CRC32 over the class files a package's model is read from, in name order. */
    static long fingerprint(String pkg, List<Class<?>> entities) {
        Set<String> names = new LinkedHashSet<>();
        names.add(pkg + ".package-info");
        entities.stream().sorted(Comparator.comparing(Class::getName)).forEach(entity -> {
            for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
                names.add(c.getName());
                for (Field field : c.getDeclaredFields()) {
                    if (field.getType().isEnum()) {
                        names.add(field.getType().getName());
                    }
                }
            }
        });
        CRC32 crc = new CRC32();
        ClassLoader loader = EntityModelIndex.class.getClassLoader();
        for (String name : names) {
            crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in != null) {
                    crc.update(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return crc.getValue();
    }

    /** {@code EntityModelIndex <classes folder> <entity package>...}: writes the index into the folder. */
    public static void main(String[] args) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String pkg = args[i];
            List<Class<?>> entities = EntityModel.entitiesIn(pkg);
            for (Backend backend : Backend.values()) {
                entries.put(key(backend, pkg), new Entry(fingerprint(pkg, entities), EntityModel.read(backend, entities)));
            }
        }
        Path file = Path.of(args[0]).resolve(RESOURCE);
        Files.createDirectories(file.getParent());
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(entries);
        }
    }
}
