package uk.ac.ceda.nlds.db.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.NldsReference;
import uk.ac.ceda.nlds.db.testsupport.PostgresDatabases;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * A PostgreSQL pair as the original Alembic chain left it at revision 1 and a production dump
 * restores it (issue 18, goal 3): the {@code pg-2023-base} fixture's schema (2023 path types,
 * Alembic's constraint names, its {@code alembic_version} row, so the engine adopts it), then N
 * files loaded with COPY and neither vacuumed nor analysed afterwards.
 */
final class UpstreamBase {

    static final String FIXTURE = "pg-2023-base";
    /** The original chain's time for 1→9 at 200,000 files on the server (issue 18); it grows linearly. */
    static final double ALEMBIC_SECONDS_AT_200K = 96.0;

    private static final Pattern ALEMBIC_ROW =
            Pattern.compile("INSERT INTO public\\.alembic_version VALUES \\('(\\w+)'\\);");

    private UpstreamBase() {
    }

    /** The original chain's 1→9 time at {@code files}, scaled linearly from the 200,000-file figure. */
    static double alembicSeconds(long files) {
        return ALEMBIC_SECONDS_AT_200K * files / 200_000.0;
    }

    /** A new pair with the fixture's schema and revision stamp, empty. */
    static DatabasePair create(PostgresDatabases postgres) throws Exception {
        DatabasePair pair = new DatabasePair(postgres.create(), postgres.create());
        schema(pair.catalog(), NldsDatabase.CATALOG);
        schema(pair.monitor(), NldsDatabase.MONITOR);
        return pair;
    }

    /** Loads N files with COPY and leaves the tables without statistics; returns the seconds taken. */
    static double load(DatabasePair pair, long files) throws Exception {
        BenchmarkData data = new BenchmarkData(files).withoutAnalyze();
        long start = System.nanoTime();
        try (Connection c = pair.catalog().connect(); Connection m = pair.monitor().connect()) {
            data.loadCatalog(c);
            data.loadMonitor(m);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void schema(TestDatabase db, NldsDatabase database) throws Exception {
        Path folder = NldsReference.root().resolve("fixtures").resolve(FIXTURE);
        try (Connection connection = db.connect()) {
            NldsReference.runScript(connection, folder.resolve(database.id() + ".schema.sql"));
        }
        // a new connection: the dump's script empties search_path for its session
        try (Connection connection = db.connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO alembic_version VALUES (?)")) {
            insert.setString(1, alembicVersion(folder.resolve(database.id() + ".data.sql")));
            insert.executeUpdate();
        }
    }

    private static String alembicVersion(Path dataScript) throws IOException {
        Matcher row = ALEMBIC_ROW.matcher(Files.readString(dataScript));
        if (!row.find()) {
            throw new IllegalStateException(dataScript + " has no alembic_version row");
        }
        return row.group(1);
    }
}
