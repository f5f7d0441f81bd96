package dev.llmservice.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigProblemTest {

    @Test
    void messageNamesVariableValueAndExpectedRange() {
        ConfigProblem problem = new ConfigProblem("ANTHROPIC_WEIGHT", "1.5", "a number from 0.0 to 1.0");

        assertThat(problem.message()).isEqualTo("ANTHROPIC_WEIGHT was '1.5' but it must be a number from 0.0 to 1.0");
        assertThat(problem).hasToString(problem.message());
    }

    @Test
    void aRequiredVariableThatIsNotSetSaysSo() {
        ConfigProblem problem = ConfigProblem.missing("LOCAL_MODEL", "the name of a model");

        assertThat(problem.message()).isEqualTo("LOCAL_MODEL is not set but it must be the name of a model");
    }

    @Test
    void theVariableAndWhatIsExpectedAreRequired() {
        assertThatThrownBy(() -> new ConfigProblem(null, "v", "e")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConfigProblem("V", "v", null)).isInstanceOf(NullPointerException.class);
    }
}
