package uk.ac.ceda.nlds.db.migration.plan;

import java.util.List;

/**
 * One pending revision as {@code plan} shows it: its steps, the settings it reads and whether they
 * are set, why it would refuse (null when it would run), the settings that are not set and that it
 * refuses without ({@code missingSettings}: all of them, so one run names every one), and its
 * estimated duration.
 */
public record PlannedRevision(int version, String alembicId, String description, List<PlannedStep> steps,
        List<Setting> settings, String refused, List<String> missingSettings, double seconds) {

    public PlannedRevision {
        seconds = Math.round(seconds * 1000) / 1000.0; // milliseconds are the precision an estimate has
    }

    /** A setting the revision read while rehearsing. */
    public record Setting(String property, boolean set) {
    }
}
