package uk.ac.ceda.nlds.db.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import me.tongfei.progressbar.ProgressBarConsumer;

class TerminalProgressListenerTest {

    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();

    /** The layout itself is pinned in {@link FittedProgressRendererTest}; here, that the bar is drawn with it. */
    @Test
    void drawsAFittedBarPerStep() {
        String last = drawStep(200, 1000);

        assertThat(last).hasSizeLessThanOrEqualTo(200).startsWith("monitor V7 (c7648694325f) rebuild sub_record [█")
                .contains("100% 1,000/1,000 rows").contains("rows/s").endsWith(" left");
    }

    @Test
    void eachRevisionSaysWhenItStartsAndEndsSoTheScreenIsNeverSilent() {
        TerminalProgressListener listener = new TerminalProgressListener(consumer(80, new CopyOnWriteArrayList<>()),
                new PrintStream(lines, true, StandardCharsets.UTF_8));

        listener.revisionStarted("catalog", "V5 (eaeeec0b5cf2)");
        listener.revisionFinished("catalog", "V5 (eaeeec0b5cf2)", Duration.ofMillis(120));

        assertThat(lines.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "catalog V5 (eaeeec0b5cf2): running", "catalog V5 (eaeeec0b5cf2): done in 120 ms");
    }

    /**
     * The catalog and the monitor migrate side by side: the monitor's step waits for the catalog's
     * bar to end, with the rows it has done by then, and so do the lines printed meanwhile.
     */
    @Test
    void twoStepsAtOnceDrawOneBarAtATimeAndHoldLinesUntilItEnds() {
        List<String> drawn = new CopyOnWriteArrayList<>();
        TerminalProgressListener listener = new TerminalProgressListener(consumer(200, drawn),
                new PrintStream(lines, true, StandardCharsets.UTF_8));
        ProgressStep catalog = ProgressStep.start(listener, "catalog", "V3 (ee82dd99bfc0)", "fill location URLs", 100);
        ProgressStep monitor = ProgressStep.start(listener, "monitor", "V5 (eaeeec0b5cf2)", "convert sub_record.state", 50);
        monitor.advance(20);
        listener.revisionFinished("monitor", "V4 (fa9f4b687d19)", Duration.ofMillis(3));
        catalog.advance(100);

        assertThat(lines.toString(StandardCharsets.UTF_8)).isEmpty();
        catalog.close();

        assertThat(lines.toString(StandardCharsets.UTF_8).lines()).containsExactly("monitor V4 (fa9f4b687d19): done in 3 ms");
        monitor.advance(30);
        monitor.close();

        // every drawing of the catalog's bar, then every drawing of the monitor's: never both at once
        int firstMonitor = drawn.indexOf(drawn.stream().filter(d -> d.startsWith("monitor ")).findFirst().orElseThrow());
        assertThat(drawn.subList(0, firstMonitor)).isNotEmpty().allMatch(d -> d.startsWith("catalog V3"))
                .last().asString().contains("100% 100/100 rows");
        assertThat(drawn.subList(firstMonitor, drawn.size())).allMatch(d -> d.startsWith("monitor V5"))
                .last().asString().contains("100% 50/50 rows");
    }

    @Test
    void aTerminalGetsBarsAndAnythingElseLogLines() {
        assertThat(ProgressOutput.fromSetting("bar").listener()).isInstanceOf(TerminalProgressListener.class);
        assertThat(ProgressOutput.fromSetting("LOG").listener()).isInstanceOf(LoggingProgressListener.class);
        // the test JVM's output is not a terminal
        assertThat(ProgressOutput.fromSetting(null).listener()).isInstanceOf(LoggingProgressListener.class);
    }

    /** Runs one step of {@code total} rows in two batches on a terminal {@code width} wide; the last drawing. */
    private String drawStep(int width, long total) {
        List<String> drawn = new CopyOnWriteArrayList<>();
        TerminalProgressListener listener = new TerminalProgressListener(consumer(width, drawn),
                new PrintStream(lines, true, StandardCharsets.UTF_8));
        try (ProgressStep step = ProgressStep.start(listener, "monitor", "V7 (c7648694325f)", "rebuild sub_record",
                total)) {
            step.advance(total * 2 / 5);
            step.advance(total - total * 2 / 5);
        }
        assertThat(drawn).isNotEmpty();
        return drawn.get(drawn.size() - 1);
    }

    private static ProgressBarConsumer consumer(int width, List<String> drawn) {
        return new ProgressBarConsumer() {
            public int getMaxRenderedLength() {
                return width;
            }

            public void accept(String rendered) {
                drawn.add(rendered);
            }

            public void close() {
            }
        };
    }
}
