package uk.ac.ceda.nlds.db.catalog.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.ac.ceda.nlds.db.catalog.entity.Holding;
import uk.ac.ceda.nlds.db.catalog.entity.Tag;

/** {@code GET /api/holdings?user=…}: a user's holdings with their tags, read from the migrated catalog. */
@RestController
public class HoldingController {

    /** One holding as the API shows it. */
    public record HoldingView(int id, String label, String user, String group, Map<String, String> tags) {
    }

    private final HoldingRepository holdings;

    public HoldingController(HoldingRepository holdings) {
        this.holdings = holdings;
    }

    @GetMapping("/api/holdings")
    public List<HoldingView> holdings(@RequestParam String user) {
        return holdings.findByUserWithTags(user).stream().map(HoldingController::view).toList();
    }

    private static HoldingView view(Holding holding) {
        Map<String, String> tags = new TreeMap<>();
        for (Tag tag : holding.getTags()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        return new HoldingView(holding.getId(), holding.getLabel(), holding.getUser(), holding.getGroup(), tags);
    }
}
