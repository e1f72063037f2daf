package uk.ac.ceda.nlds.db.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import uk.ac.ceda.nlds.db.testsupport.DatabasePair;
import uk.ac.ceda.nlds.db.testsupport.TestDatabase;

/**
 * What the migrated data says, in a few grouped counts: the bound only counts if it made the
 * same changes as the engine, so the benchmark compares these after both ran.
 */
final class DataSummary {

    private static final List<String> CATALOG = List.of(
            "SELECT CAST(path_type AS VARCHAR), COUNT(*) FROM file GROUP BY 1 ORDER BY 1",
            "SELECT CAST(storage_type AS VARCHAR), url_scheme, url_netloc, COUNT(*), COUNT(aggregation_id)"
                    + " FROM location GROUP BY 1, 2, 3 ORDER BY 1",
            "SELECT COUNT(*) FROM checksum", "SELECT COUNT(*) FROM aggregation");
    private static final List<String> MONITOR = List.of(
            "SELECT CAST(state AS VARCHAR), COUNT(*) FROM sub_record GROUP BY 1 ORDER BY 1",
            "SELECT COUNT(*) FROM failed_file", "SELECT COUNT(*) FROM warning");

    private DataSummary() {
    }

    static void requireSame(DatabasePair engine, DatabasePair bound) throws SQLException {
        String byEngine = summary(engine.catalog(), CATALOG) + summary(engine.monitor(), MONITOR);
        String byBound = summary(bound.catalog(), CATALOG) + summary(bound.monitor(), MONITOR);
        if (!byEngine.equals(byBound)) {
            throw new IllegalStateException("the raw-SQL bound left different data than the engine:\nengine:\n"
                    + byEngine + "\nbound:\n" + byBound);
        }
    }

    static String summary(TestDatabase db, List<String> queries) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = db.connect(); Statement st = connection.createStatement()) {
            for (String query : queries) {
                try (ResultSet rs = st.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            text.append(rs.getString(i)).append(i < columns ? " | " : "\n");
                        }
                    }
                }
            }
        }
        return text.toString();
    }
}
