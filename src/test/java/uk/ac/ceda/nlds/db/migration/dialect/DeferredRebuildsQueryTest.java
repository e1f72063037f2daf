package uk.ac.ceda.nlds.db.migration.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which raw SQL may run with constraint-only rebuilds still pending, and the setting's reading. */
class DeferredRebuildsQueryTest {

    @Test
    void onlyOnePlainSelectThatReadsNoSchemaLeavesConstraintOnlyRebuildsPending() {
        assertThat(DeferredRebuilds.isPlainQuery("SELECT COUNT(*) FROM (SELECT file_id FROM location GROUP BY file_id) d"))
                .isTrue();
        assertThat(DeferredRebuilds.isPlainQuery("  -- duplicates\n select 1;")).isTrue();
        assertThat(DeferredRebuilds.isPlainQuery("UPDATE location SET url_scheme = 'x'")).isFalse();
        assertThat(DeferredRebuilds.isPlainQuery("SELECT sql FROM sqlite_master")).isFalse();
        assertThat(DeferredRebuilds.isPlainQuery("SELECT * FROM pragma_table_info('location')")).isFalse();
        assertThat(DeferredRebuilds.isPlainQuery("SELECT 1; DELETE FROM location")).isFalse();
        assertThat(DeferredRebuilds.isPlainQuery("WITH d AS (SELECT 1) DELETE FROM location")).isFalse();
    }

    @Test
    void deferralIsOnUnlessSetToFalse() {
        assertThat(DeferredRebuilds.enabled(null)).isTrue();
        assertThat(DeferredRebuilds.enabled("true")).isTrue();
        assertThat(DeferredRebuilds.enabled(" FALSE ")).isFalse();
    }
}
