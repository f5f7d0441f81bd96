package dev.llmservice.spring.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiCorsFilterTest {

    @Test
    void originsAreACommaSeparatedListAndBlankIsNone() {
        assertThat(ApiCorsFilter.parseOrigins(null)).isEmpty();
        assertThat(ApiCorsFilter.parseOrigins("  ")).isEmpty();
        assertThat(ApiCorsFilter.parseOrigins(" https://app.example.com , http://localhost:3000,"))
                .containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(ApiCorsFilter.parseOrigins("*")).containsExactly("*");
    }

    @Test
    void everyOriginThatIsNoOriginIsNamedInOneMessage() {
        assertThatThrownBy(() -> ApiCorsFilter.parseOrigins("https://ok.example, app.example.com, https://x.example/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LLM_CORS_ORIGINS had 'app.example.com', 'https://x.example/app' but each origin must be * "
                        + "or scheme://host[:port] without a path, comma-separated, e.g. "
                        + "https://app.example.com,http://localhost:3000");
    }
}
