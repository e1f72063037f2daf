package uk.ac.ceda.nlds.db.migration;

import java.util.HashMap;
import java.util.Map;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;

import uk.ac.ceda.nlds.db.migration.core.Backend;

/**
 * Hibernate settings shared by every entity model in this project: the database named explicitly
 * and no JDBC metadata access at boot (so building a model never opens a connection), no DDL by
 * Hibernate (the migrations own the schema), and keywords such as {@code "user"} quoted.
 */
public final class HibernateSettings {

    private HibernateSettings() {
    }

    public static Map<String, Object> forBackend(Backend backend) {
        Map<String, Object> settings = new HashMap<>();
        if (backend == Backend.SQLITE) {
            settings.put(AvailableSettings.DIALECT, SQLiteDialect.class.getName());
        } else {
            // named by product rather than dialect class: Hibernate resolves it without warning
            settings.put(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL");
        }
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        settings.put(AvailableSettings.KEYWORD_AUTO_QUOTING_ENABLED, "true");
        return settings;
    }
}
