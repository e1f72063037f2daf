package uk.ac.ceda.nlds.db.startup;

/** What one migration run did to one database: its revision before and after, as people read them. */
public record MigrationOutcome(String database, String before, String after, int revisionsApplied) {

    public String describe() {
        return revisionsApplied == 0 ? database + ": at " + after + ", already at head"
                : database + ": " + before + " -> " + after + " (" + revisionsApplied + " revisions applied)";
    }
}
