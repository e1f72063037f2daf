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

    /** The refusal naming every revision and setting, when any plan has a revision refusing for unset settings. */
    public static Optional<InvalidInputException> failure(List<DatabasePlan> plans) {
        List<String> refusals = plans.stream().flatMap(plan -> plan.settingsRefusals().stream()).toList();
        return refusals.isEmpty() ? Optional.empty() : Optional.of(new InvalidInputException(
                "settings the pending revisions need are not set, nothing was migrated: "
                        + String.join("; ", refusals)));
    }
}
