package uk.ac.ceda.nlds.db.startup;

/**
 * What one run did to one database: its revision before and after, as people read them, and how
 * many revisions it applied (negative: reverted by a downgrade).
 */
public record MigrationOutcome(String database, String before, String after, int revisionsApplied, boolean atHead) {

    public String describe() {
        if (revisionsApplied == 0) {
            return database + ": at " + after + (atHead ? ", already at head" : ", nothing to do");
        }
        int n = Math.abs(revisionsApplied);
        String count = n + (n == 1 ? " revision " : " revisions ") + (revisionsApplied > 0 ? "applied" : "reverted");
        return database + ": " + before + " -> " + after + " (" + count + ")";
    }
}
