package uk.ac.ceda.nlds.db.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.ac.ceda.nlds.db.migration.core.Backend;

class DatabaseTargetsTest {

    @TempDir
    Path folder;

    @Test
    void withNoConfigurationBothAreSqliteFilesUnderData() {
        DatabaseTarget catalog = DatabaseTarget.resolve(NldsDatabase.CATALOG, new NldsDbProperties.Database());
        assertThat(catalog.url()).isEqualTo("jdbc:sqlite:data/catalog.db");
        assertThat(catalog.backend()).isEqualTo(Backend.SQLITE);
        assertThat(catalog.sqliteFile()).contains(Path.of("data/catalog.db").toAbsolutePath());
    }

    @Test
    void resolvingCreatesNothingAndPreparingCreatesTheFolderOfASqliteFile() {
        NldsDbProperties properties = properties("jdbc:sqlite:" + folder.resolve("a/b/catalog.db"),
                "jdbc:sqlite:" + folder.resolve("a/monitor.db"));
        DatabaseTargets targets = DatabaseTargets.resolve(properties);
        assertThat(folder.resolve("a")).as("read-only verbs create nothing").doesNotExist();

        targets.catalog().prepareSqliteFolder();
        assertThat(Files.isDirectory(folder.resolve("a/b"))).isTrue();
    }

    @Test
    void oneFileForBothDatabasesIsRefused() {
        String url = "jdbc:sqlite:" + folder.resolve("one.db");
        assertThatThrownBy(() -> DatabaseTargets.resolve(properties(url, url)))
                .hasMessageContaining("name the same SQLite file");
    }

    @Test
    void anUnsupportedUrlNamesTheProperty() {
        assertThatThrownBy(() -> DatabaseTargets.resolve(properties("jdbc:mysql://h/db", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("nlds.db.catalog.url: unsupported database URL 'jdbc:mysql://h/db'");
    }

    @Test
    void aBlankUrlIsAnErrorNamingThePropertyNotTheDefault() {
        assertThatThrownBy(() -> DatabaseTargets.resolve(properties("  ", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nlds.db.catalog.url (NLDS_DB_CATALOG_URL) is set but blank: unset it for the default"
                        + " jdbc:sqlite:data/catalog.db, or give a JDBC URL");
        assertThat(folder.resolve("data")).doesNotExist();
    }

    @Test
    void aBlankUserNameOrPasswordIsAnErrorToo() {
        NldsDbProperties blankUser = properties(null, null);
        blankUser.getMonitor().setUsername("");
        assertThatThrownBy(() -> DatabaseTargets.resolve(blankUser))
                .hasMessageStartingWith("nlds.db.monitor.username (NLDS_DB_MONITOR_USERNAME) is set but blank");
        NldsDbProperties blankPassword = properties(null, null);
        blankPassword.getCatalog().setPassword(" ");
        assertThatThrownBy(() -> DatabaseTargets.resolve(blankPassword))
                .hasMessageStartingWith("nlds.db.catalog.password (NLDS_DB_CATALOG_PASSWORD) is set but blank");
    }

    @Test
    void aFolderThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.writeString(folder.resolve("plain-file"), "x");
        DatabaseTargets targets = DatabaseTargets.resolve(properties("jdbc:sqlite:" + file.resolve("catalog.db"), null));
        assertThatThrownBy(() -> targets.catalog().prepareSqliteFolder()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot create the folder");
    }

    @Test
    void passwordsNeverShowInTheUrl() {
        DatabaseTarget target = new DatabaseTarget(NldsDatabase.MONITOR, Backend.POSTGRESQL,
                "jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true", "u", "other-secret");
        assertThat(target.maskedUrl()).isEqualTo("jdbc:postgresql://h/db?user=u&password=******&ssl=true");
        assertThat(target.toString()).doesNotContain("s3cret").doesNotContain("other-secret");
    }

    private NldsDbProperties properties(String catalogUrl, String monitorUrl) {
        NldsDbProperties properties = new NldsDbProperties();
        properties.getCatalog().setUrl(catalogUrl == null ? "jdbc:sqlite:" + folder.resolve("c.db") : catalogUrl);
        properties.getMonitor().setUrl(monitorUrl == null ? "jdbc:sqlite:" + folder.resolve("m.db") : monitorUrl);
        return properties;
    }
}
