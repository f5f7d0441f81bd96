package dev.llmservice.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidSettingFailureAnalyzerTest {

    @Test
    void anInvalidSettingDeepInABeanFailureIsReportedByItsMessage() {
        InvalidSettingException invalid = new InvalidSettingException("LLM_BIND_ADDRESS was 'x:1' but it must be ...");
        Throwable startUp = new IllegalStateException("Unable to start web server",
                new BeanCreationException("llmListenAddress", "Instantiation of supplied bean failed", invalid));

        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(startUp);

        assertThat(analysis.getDescription()).isEqualTo("LLM_BIND_ADDRESS was 'x:1' but it must be ...");
        assertThat(analysis.getAction()).contains(".env");
    }
}
