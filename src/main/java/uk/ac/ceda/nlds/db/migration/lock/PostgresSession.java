package uk.ac.ceda.nlds.db.migration.lock;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Another session as {@code pg_stat_activity} shows it: enough for an operator to find it and
 * decide whether to end it. {@code transactionStart} is null outside a transaction;
 * {@code stateSince} is when it last changed state (for an idle lock holder: when it took the lock).
 */
public record PostgresSession(int pid, String user, String applicationName, String clientAddress, String state,
        Instant transactionStart, Instant stateSince, String query) {

    /** {@code pid 4711 (user nlds, application 'psql', client 10.0.0.7, idle in transaction, transaction open 42 s, query 'SELECT …')}. */
    public String describe() {
        StringBuilder text = new StringBuilder("pid ").append(pid).append(" (user ").append(user)
                .append(", application '").append(applicationName).append("', client ").append(clientAddress)
                .append(", ").append(state);
        if (transactionStart != null) {
            text.append(", transaction open ").append(LockPolicy.describe(age(transactionStart)));
        }
        if (query != null && !query.isBlank()) {
            text.append(", query '").append(query).append('\'');
        }
        return text.append(')').toString();
    }

    /**
     * As the holder of the migration lock: {@code pid 4711 (user nlds, application 'nlds-db migration
     * pod-1', client 10.0.0.7, holding it since 2026-12-01T04:40:00Z)}. An idle lock session last
     * changed state when it took the lock.
     */
    public String describeHolder() {
        return "pid " + pid + " (user " + user + ", application '" + applicationName + "', client " + clientAddress
                + ", holding it since " + (stateSince == null ? "(unknown)" : stateSince.truncatedTo(ChronoUnit.SECONDS))
                + ")";
    }

    /** For the status endpoint. */
    public Map<String, Object> toMap() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pid", pid);
        view.put("user", user);
        view.put("applicationName", applicationName);
        view.put("clientAddress", clientAddress);
        view.put("state", state);
        view.put("transactionStart", transactionStart == null ? null : transactionStart.toString());
        view.put("transactionAgeSeconds", transactionStart == null ? null : age(transactionStart).toSeconds());
        view.put("stateSince", stateSince == null ? null : stateSince.toString());
        view.put("query", query);
        return view;
    }

    private static Duration age(Instant since) {
        Duration age = Duration.between(since, Instant.now());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
