package uk.ac.ceda.nlds.db.migration.dialect;

import static uk.ac.ceda.nlds.db.migration.dialect.Sql.quote;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.ops.SchemaOp.ConvertEnumColumn;

/**
 * The label check each dialect makes before an enum conversion, made for a chain of pending
 * conversions on the rows as they are now: a column converted earlier in the chain is read through
 * that conversion's own CASE expression, so each check sees the labels the earlier ones would write.
 */
public final class PendingLabelChecks {

    private final Backend backend;
    private final Map<String, String> converted = new HashMap<>();

    public PendingLabelChecks(Backend backend) {
        this.backend = backend;
    }

    /** Refuses as the conversion itself would, with the same message; reads only. */
    public void check(Connection connection, ConvertEnumColumn op) throws SQLException {
        String column = op.table() + "." + op.from().name();
        String text = converted.getOrDefault(column,
                backend == Backend.POSTGRESQL ? quote(op.from().name()) + "::text" : quote(op.from().name()));
        LabelConversion.requireMappable(connection, op, text);
        converted.put(column, "(" + LabelConversion.caseExpression(op, text) + ")");
    }
}
