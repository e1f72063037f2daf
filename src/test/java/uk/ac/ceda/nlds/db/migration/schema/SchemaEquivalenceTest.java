package uk.ac.ceda.nlds.db.migration.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ac.ceda.nlds.db.migration.core.Backend;

class SchemaEquivalenceTest {

    private final SchemaEquivalence sqlite = new SchemaEquivalence(Backend.SQLITE);
    private final SchemaEquivalence postgres = new SchemaEquivalence(Backend.POSTGRESQL);

    @Test
    void sqliteSeesOnlyTheKindOfATextTypeWhilePostgresSeesLengthsAndEnumNames() {
        ColumnType state = ColumnType.Enum.of("state", "INITIALISING", "COMPLETE");
        ColumnType renamed = ColumnType.Enum.of("state_2025", "INITIALISING", "COMPLETE");

        assertThat(sqlite.sameType(state, ColumnType.varchar(12))).isTrue();
        assertThat(sqlite.sameType(ColumnType.varchar(12), ColumnType.VARCHAR)).isTrue();
        assertThat(sqlite.sameType(ColumnType.VARCHAR, ColumnType.INTEGER)).isFalse();

        assertThat(postgres.sameType(state, ColumnType.varchar(12))).isFalse();
        assertThat(postgres.sameType(ColumnType.varchar(12), ColumnType.VARCHAR)).isFalse();
        assertThat(postgres.sameType(state, renamed)).isFalse();
        assertThat(postgres.sameType(state, ColumnType.Enum.of("state", "COMPLETE"))).isTrue();
    }

    @Test
    void constraintNamesCountOnPostgresOnlyAndIndexNamesOnBoth() {
        ForeignKey named = ForeignKey.of("fk_file_transaction", "transaction_id", "transaction");
        ForeignKey unnamed = ForeignKey.of(null, "transaction_id", "transaction");
        UniqueConstraint unique = new UniqueConstraint("uq_location", List.of("storage_type", "file_id"));
        UniqueConstraint otherName = new UniqueConstraint("location_key", List.of("storage_type", "file_id"));

        assertThat(sqlite.key(named)).isEqualTo(sqlite.key(unnamed));
        assertThat(postgres.key(named)).isNotEqualTo(postgres.key(unnamed));
        assertThat(sqlite.key(unique)).isEqualTo(sqlite.key(otherName));
        assertThat(postgres.key(unique)).isNotEqualTo(postgres.key(otherName));

        Index index = Index.on("file", "original_path");
        Index renamedIndex = new Index("ix_path", "file", List.of("original_path"), false);
        assertThat(sqlite.key(index)).isNotEqualTo(sqlite.key(renamedIndex));
        assertThat(sqlite.key(index)).isNotEqualTo(sqlite.key(new Index(index.name(), "file", index.columns(), true)));
    }
}
