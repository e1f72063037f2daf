package uk.ac.ceda.nlds.db.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/**
 * One database's resolved connection settings: the URL (or its SQLite default), the backend it
 * names, and credentials. Its {@link #toString()} never shows the password.
 */
public record DatabaseTarget(NldsDatabase database, Backend backend, String url, String username, String password) {

    public static DatabaseTarget resolve(NldsDatabase database, NldsDbProperties.Database settings) {
        String defaultUrl = "jdbc:sqlite:data/" + database.id() + ".db";
        refuseBlank(database, "url", settings.getUrl(), "for the default " + defaultUrl + ", or give a JDBC URL");
        refuseBlank(database, "username", settings.getUsername(), "when no user name is needed, or give one");
        refuseBlank(database, "password", settings.getPassword(), "when no password is needed, or give one");
        String url = settings.getUrl() == null ? defaultUrl : settings.getUrl().trim();
        Backend backend;
        try {
            backend = Backend.fromUrl(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("nlds.db." + database.id() + ".url: " + e.getMessage());
        }
        return new DatabaseTarget(database, backend, url, settings.getUsername(), settings.getPassword());
    }

    /** A property set to nothing is a mistake (an empty variable, a missing secret key), never a default. */
    private static void refuseBlank(NldsDatabase database, String property, String value, String advice) {
        if (value != null && value.isBlank()) {
            String name = "nlds.db." + database.id() + "." + property;
            String variable = name.toUpperCase(Locale.ROOT).replace('.', '_');
            throw new InvalidInputException(name + " (" + variable + ") is set but blank: unset it " + advice);
        }
    }

    /** The SQLite file, when this is a file-backed SQLite database. */
    public Optional<Path> sqliteFile() {
        if (backend != Backend.SQLITE) {
            return Optional.empty();
        }
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith(":resource:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /** Creates the folder of a SQLite file, so the default works on a fresh checkout. */
    public void prepareSqliteFolder() {
        sqliteFile().map(Path::getParent).ifPresent(folder -> {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new InvalidInputException("nlds.db." + database.id() + ".url: cannot create the folder "
                        + folder + " for the SQLite file (" + e.getClass().getSimpleName() + "); choose a writable path");
            }
            if (!Files.isWritable(folder)) {
                throw new InvalidInputException("nlds.db." + database.id() + ".url: the folder " + folder
                        + " is not writable; choose a writable path");
            }
        });
    }

    /** The URL with any password parameter masked, for logs and status pages. */
    public String maskedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1******").replaceAll("//([^/@:]+):[^/@]*@", "//$1:******@");
    }

    @Override
    public String toString() {
        return database.id() + " (" + backend.displayName() + ", " + maskedUrl() + ")";
    }
}
