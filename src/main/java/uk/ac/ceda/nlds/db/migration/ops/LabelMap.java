package uk.ac.ceda.nlds.db.migration.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.ac.ceda.nlds.db.migration.schema.ColumnType;

/**
 * How the labels of one enum set become labels of another. A label the map does not know has no
 * equivalent: a conversion that meets it refuses before changing anything. {@code nullLabel}, when
 * set, is what NULL becomes.
 */
public record LabelMap(Map<String, String> mapping, String nullLabel) {

    public LabelMap {
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }

    /** Starts a map with identity for every label that both sets name. */
    public static Builder from(ColumnType.Enum from, ColumnType.Enum to) {
        Builder builder = new Builder(to);
        from.labels().stream().filter(to.labels()::contains).forEach(label -> builder.map(label, label));
        return builder;
    }

    public Optional<String> target(String label) {
        return Optional.ofNullable(mapping.get(label));
    }

    public List<String> sources() {
        return List.copyOf(mapping.keySet());
    }

    public static final class Builder {
        private final Map<String, String> mapping = new LinkedHashMap<>();
        private final ColumnType.Enum to;
        private String nullLabel;

        private Builder(ColumnType.Enum to) {
            this.to = to;
        }

        public Builder map(String from, String to) {
            mapping.put(from, to);
            return this;
        }

        public Builder nullTo(String label) {
            this.nullLabel = label;
            return this;
        }

        /**
         * Also accepts labels left over from an older set: each label {@code older} knows and this
         * map does not is taken through {@code older} and then through this map.
         */
        public Builder throughOlder(LabelMap older) {
            older.mapping().forEach((label, intermediate) -> {
                if (!mapping.containsKey(label) && mapping.containsKey(intermediate)) {
                    mapping.put(label, mapping.get(intermediate));
                }
            });
            return this;
        }

        /**
         * Keeps labels that already belong to the target set: rows an earlier, defective run left
         * with old labels are already what a downgrade back to that set wants.
         */
        public Builder keepTargetLabels() {
            to.labels().forEach(label -> mapping.putIfAbsent(label, label));
            return this;
        }

        public LabelMap build() {
            return new LabelMap(mapping, nullLabel);
        }
    }
}
