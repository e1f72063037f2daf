package uk.ac.ceda.nlds.db.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FittedProgressRendererTest {

    /** 1.6M of 4M rows after 20 s: 80,000 rows/s, 30 s left. */
    private static final ProgressSnapshot MIDWAY = new ProgressSnapshot("monitor", "V7 (c7648694325f)",
            "rebuild sub_record", 1_600_000, 4_000_000, Duration.ofSeconds(20));

    @Test
    void aWideTerminalShowsTheWholeLabelAndExactCounts() {
        assertThat(FittedProgressRenderer.render(MIDWAY, 200)).isEqualTo("monitor V7 (c7648694325f) rebuild sub_record"
                + " [████████████████░░░░░░░░░░░░░░░░░░░░░░░░]  40% 1,600,000/4,000,000 rows 80,000 rows/s 30s left");
    }

    @Test
    void anEightyColumnTerminalKeepsLabelCountsRateAndTimeLeftReadable() {
        String line = FittedProgressRenderer.render(MIDWAY, 80);

        assertThat(line).hasSizeLessThanOrEqualTo(80)
                .isEqualTo("monitor V7 rebuild sub_record [███░░░░░]  40% 1.6M/4.0M rows 80k rows/s 30s left");
    }

    @Test
    void aVeryNarrowTerminalShortensTheLabelRatherThanTheFigures() {
        String line = FittedProgressRenderer.render(MIDWAY, 60);

        assertThat(line).hasSizeLessThanOrEqualTo(60).contains("…").contains("1.6M/4.0M rows 80k rows/s 30s left");
    }
}
