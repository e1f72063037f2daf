package uk.ac.ceda.nlds.db.runtime.slow.migration;

import java.nio.file.Files;
import java.nio.file.Path;

import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.progress.ProgressStep;

/**
 * Test-only: a data step that reports progress and then waits until the file named by
 * {@code nlds.test.signal-file} exists, so a test can watch the service while it migrates. With
 * {@code nlds.test.halfway-signal-file} it first waits at 40 of 100 rows for that file, then at 70
 * for the other, so a test can watch the progress move.
 */
public class V10__Wait_for_signal extends Revision {

    @Override
    public String alembicId() {
        return "0000000000aa";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        Path signal = Path.of(context.setting("nlds.test.signal-file"));
        String halfway = context.setting("nlds.test.halfway-signal-file");
        try (ProgressStep step = context.progress().step("waiting for the test's signal", 100)) {
            step.advance(40);
            if (halfway != null) {
                await(Path.of(halfway));
                step.advance(30);
            }
            await(signal);
            step.advance(halfway == null ? 60 : 30);
        }
    }

    private static void await(Path signal) throws InterruptedException {
        for (int waited = 0; !Files.exists(signal); waited++) {
            if (waited > 1200) {
                throw new IllegalStateException("no signal at " + signal + " within two minutes");
            }
            Thread.sleep(100);
        }
    }

    @Override
    protected void downgrade(RevisionContext context) {
        // nothing to undo
    }
}
