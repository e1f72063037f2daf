package uk.ac.ceda.nlds.db.startup;

import java.util.List;
import java.util.Optional;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;
import uk.ac.ceda.nlds.db.migration.plan.DatabasePlan;

/**
 * Before any revision runs: the settings the pending revisions need, found by their rehearsal in
 * the plan, checked all at once, so an operator missing two settings learns of both in one run and
 * nothing is migrated, instead of one per failed run, each after a full start.
 */
public final class SettingsPreflight {

    private SettingsPreflight() {
    }

    /** The refusal naming every revision and setting, and the first database whose plan has one. */
    public record Unset(String database, InvalidInputException error) {
    }

    /** The refusal, when any plan has a revision refusing for unset settings. */
    public static Optional<Unset> failure(List<DatabasePlan> plans) {
        List<String> refusals = plans.stream().flatMap(plan -> plan.settingsRefusals().stream()).toList();
        if (refusals.isEmpty()) {
            return Optional.empty();
        }
        String first = plans.stream().filter(p -> !p.settingsRefusals().isEmpty()).findFirst().orElseThrow().database();
        return Optional.of(new Unset(first, new InvalidInputException(
                "settings the pending revisions need are not set, nothing was migrated: "
                        + String.join("; ", refusals))));
    }
}
