package dev.llmservice.spring.autoconfigure;

import dev.llmservice.spring.security.InvalidSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up stopped by an {@link InvalidSettingException}: Spring Boot's "APPLICATION FAILED TO START" report with
 * its message, as for an invalid {@code llm.*} property, instead of a stack trace.
 */
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct that variable (in the environment or .env) or its llm.* "
                + "property, and start again.", cause);
    }
}
