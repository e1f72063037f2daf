package uk.ac.ceda.nlds.db.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports an analysed start failure only at DEBUG, with its stack trace: the process prints the
 * one {@code nlds-db: …} line itself, in place of Spring Boot's "APPLICATION FAILED TO START"
 * block (whose reporter is switched off in {@code application.yml}).
 */
public class FailureTraceReporter implements FailureAnalysisReporter {

    private static final Logger log = LoggerFactory.getLogger(FailureTraceReporter.class);

    @Override
    public void report(FailureAnalysis analysis) {
        log.debug("start failed: {}", analysis.getDescription(), analysis.getCause());
    }
}
