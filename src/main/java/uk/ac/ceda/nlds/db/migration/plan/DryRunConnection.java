package uk.ac.ceda.nlds.db.migration.plan;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A connection on which a revision's upgrade can run without changing anything: reads go to the
 * database, every other statement is handed to {@code skipped} and not sent (an update reports 0
 * rows). The caller also makes the transaction read-only, so a write this misses fails instead of
 * changing the database.
 */
final class DryRunConnection {

    private DryRunConnection() {
    }

    static Connection wrap(Connection connection, Consumer<String> skipped) {
        return proxy(Connection.class, (p, method, args) -> {
            String name = method.getName();
            if ((name.startsWith("prepare")) && args != null && args[0] instanceof String sql && !isRead(sql)) {
                return proxy(PreparedStatement.class, skippedStatement(sql, skipped));
            }
            Object result = invoke(connection, method, args);
            if (name.equals("createStatement")) {
                return statement((Statement) result, skipped);
            }
            return result;
        });
    }

    /** A plain statement: queries pass, anything else with SQL is skipped. */
    private static Statement statement(Statement statement, Consumer<String> skipped) {
        return proxy(Statement.class, (p, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql
                    && !isRead(sql)) {
                skipped.accept(sql);
                return emptyResult(method.getReturnType());
            }
            return invoke(statement, method, args);
        });
    }

    /** A prepared write: parameters are accepted, executing it only reports it. */
    private static java.lang.reflect.InvocationHandler skippedStatement(String sql, Consumer<String> skipped) {
        return (p, method, args) -> {
            if (method.getName().startsWith("execute")) {
                skipped.accept(sql);
            }
            return switch (method.getName()) {
                case "isClosed", "isPoolable", "isCloseOnCompletion" -> false;
                case "unwrap" -> null;
                case "isWrapperFor" -> false;
                default -> emptyResult(method.getReturnType());
            };
        };
    }

    static boolean isRead(String sql) {
        String start = sql.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("select") || start.startsWith("with") || start.startsWith("show")
                || start.startsWith("pragma table_info") || start.startsWith("pragma index_")
                || start.startsWith("pragma foreign_key_list") || start.startsWith("pragma foreign_keys");
    }

    private static Object emptyResult(Class<?> type) {
        if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == boolean.class) {
            return false;
        } else if (type == int[].class) {
            return new int[0];
        } else if (type == long[].class) {
            return new long[0];
        }
        return null;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
