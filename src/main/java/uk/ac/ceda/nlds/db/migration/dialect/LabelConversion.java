package uk.ac.ceda.nlds.db.migration.dialect;

import static uk.ac.ceda.nlds.db.migration.dialect.Sql.literal;
import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quote;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.ConvertEnumColumn;

/** The parts of an enum conversion both dialects share: the label check and the CASE expression. */
final class LabelConversion {

    private LabelConversion() {
    }

    /**
     * Refuses, before anything changes, when rows hold labels the map cannot take to the new set,
     * or NULLs the new column cannot hold. The message lists each label with its row count.
     */
    static void requireMappable(Connection connection, ConvertEnumColumn op, String textExpression)
            throws SQLException {
        Map<String, Long> unmapped = new LinkedHashMap<>();
        String sql = "SELECT " + textExpression + ", COUNT(*) FROM " + quote(op.table()) + " GROUP BY "
                + textExpression + " ORDER BY 1";
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String label = rs.getString(1);
                boolean known = label == null ? op.map().nullLabel() != null || op.to().nullable()
                        : op.map().target(label).isPresent();
                if (!known) {
                    unmapped.put(label == null ? "NULL" : label, rs.getLong(2));
                }
            }
        }
        if (!unmapped.isEmpty()) {
            String listed = unmapped.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " rows)")
                    .collect(Collectors.joining(", "));
            throw new MigrationException(op.table() + "." + op.from().name() + " holds labels with no equivalent in "
                    + op.toType().name() + " " + op.toType().labels() + ": " + listed
                    + "; update or remove those rows first, nothing was changed");
        }
    }

    /**
     * One flat CASE over the column's stored labels for several conversions in a row, the same
     * value as nesting each one's {@link #caseExpression} in the next, without the nesting: nested,
     * each branch of a conversion evaluates the whole expression before it again, which made one
     * merged rebuild of 1 million rows slower than the three it replaced. Each label any of the maps
     * names is taken through every map in turn (a label a map does not name stays, as its ELSE does).
     */
    static String composedCaseExpression(List<ConvertEnumColumn> chain, String textExpression) {
        Set<String> labels = new TreeSet<>();
        chain.forEach(op -> labels.addAll(op.map().mapping().keySet()));
        StringBuilder sql = new StringBuilder("CASE");
        String fromNull = through(chain, null);
        if (fromNull != null) {
            sql.append(" WHEN ").append(textExpression).append(" IS NULL THEN ").append(literal(fromNull));
        }
        for (String label : labels) {
            String target = through(chain, label);
            if (!label.equals(target)) {
                sql.append(" WHEN ").append(textExpression).append(" = ").append(literal(label)).append(" THEN ")
                        .append(literal(target));
            }
        }
        if (sql.length() == "CASE".length()) {
            return textExpression;
        }
        return sql.append(" ELSE ").append(textExpression).append(" END").toString();
    }

    /** What the conversions make of one stored label (null: a NULL), as their CASEs would in turn. */
    private static String through(List<ConvertEnumColumn> chain, String label) {
        String value = label;
        for (ConvertEnumColumn op : chain) {
            if (value == null) {
                value = op.map().nullLabel();
            } else {
                String current = value;
                value = op.map().mapping().getOrDefault(current, current);
            }
        }
        return value;
    }

    /** A CASE over the old value as text that yields the new label as text: a chain of one. */
    static String caseExpression(ConvertEnumColumn op, String textExpression) {
        return composedCaseExpression(List.of(op), textExpression);
    }
}
