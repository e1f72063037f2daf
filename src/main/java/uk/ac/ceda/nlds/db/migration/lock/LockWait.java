package uk.ac.ceda.nlds.db.migration.lock;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration is waiting for: a lock on {@code table} that its {@code revision} needs, or
 * (table null, revision null) the migration lock another process holds; and who holds it.
 */
public record LockWait(String revision, String table, List<PostgresSession> blockers, Instant since) {

    public LockWait {
        blockers = List.copyOf(blockers);
    }

    public boolean forMigrationLock() {
        return revision == null;
    }

    /** The blockers, one after the other, or what is known when none was seen. */
    public String describeBlockers() {
        if (blockers.isEmpty()) {
            return "a session that had ended by the time it was looked up";
        }
        return String.join("; ", blockers.stream().map(PostgresSession::describe).toList());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lock", forMigrationLock() ? "migration lock" : "table " + (table == null ? "(unknown)" : table));
        view.put("revision", revision);
        view.put("since", since.toString());
        view.put("blockers", blockers.stream().map(PostgresSession::toMap).toList());
        return view;
    }
}
