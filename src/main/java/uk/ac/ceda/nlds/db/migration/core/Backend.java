package uk.ac.ceda.nlds.db.migration.core;

import java.util.Locale;

/** The database products this project migrates, told apart by their JDBC URL. */
public enum Backend {
    SQLITE("jdbc:sqlite:"), POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    Backend(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    public static Backend fromUrl(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        for (Backend backend : values()) {
            if (lower.startsWith(backend.urlPrefix)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("unsupported database URL '" + url
                + "': use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>");
    }

    public String displayName() {
        return this == SQLITE ? "SQLite" : "PostgreSQL";
    }
}
