package uk.ac.ceda.nlds.db.migration.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import me.tongfei.progressbar.ProgressBarConsumer;

class TerminalProgressListenerTest {

    @Test
    void drawsABarWithRowsRateAndTimeLeftPerStep() {
        List<String> drawn = new CopyOnWriteArrayList<>();
        TerminalProgressListener listener = new TerminalProgressListener(new ProgressBarConsumer() {
            public int getMaxRenderedLength() {
                return 160;
            }

            public void accept(String rendered) {
                drawn.add(rendered);
            }

            public void close() {
            }
        });

        try (ProgressStep step = ProgressStep.start(listener, "monitor", "V7 (c7648694325f)", "rebuild sub_record", 1000)) {
            step.advance(400);
            step.advance(600);
        }

        assertThat(drawn).isNotEmpty();
        assertThat(drawn.get(drawn.size() - 1)).contains("monitor V7 (c7648694325f) rebuild sub_record")
                .contains("100%").contains("1000/1000 rows").contains("rows/s");
    }

    @Test
    void aTerminalGetsBarsAndAnythingElseLogLines() {
        assertThat(ProgressOutput.fromSetting("bar").listener()).isInstanceOf(TerminalProgressListener.class);
        assertThat(ProgressOutput.fromSetting("LOG").listener()).isInstanceOf(LoggingProgressListener.class);
        // the test JVM's output is not a terminal
        assertThat(ProgressOutput.fromSetting(null).listener()).isInstanceOf(LoggingProgressListener.class);
    }
}
