package uk.ac.ceda.nlds.db.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed migration into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationFailedException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the cause above and start again: the " + cause.database()
                        + " database is at a complete revision and migration continues from there.", cause);
    }
}
