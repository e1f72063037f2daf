package uk.ac.ceda.nlds.db.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Claims the failures this project expects and explains itself (a failed or refused migration, an
 * unreachable database, bad configuration), so Spring Boot logs no "Application run failed" stack
 * trace for them: the process prints {@link StartupErrors#oneLine} and exits with
 * {@link StartupErrors#exitCode}. A failure it does not claim is a defect, and keeps its trace.
 */
public class ExpectedFailureAnalyzer extends AbstractFailureAnalyzer<RuntimeException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuntimeException cause) {
        if (!StartupErrors.isExpected(rootFailure)) {
            return null;
        }
        return new FailureAnalysis(StartupErrors.oneLine(rootFailure),
                "Fix the cause above and start again: each database is at a complete revision.", rootFailure);
    }
}
