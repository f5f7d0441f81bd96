package dev.llmservice.spring.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenTest {

    @Test
    void matchesOnlyTheExactTokenWithTheBearerSchemeInAnyCase() {
        BearerToken token = BearerToken.ofNullable("s3cret-token");

        assertThat(token.matchesHeader("Bearer s3cret-token")).isTrue();
        assertThat(token.matchesHeader("bearer s3cret-token")).isTrue();
        assertThat(token.matchesHeader("Bearer s3cret-token ")).isTrue();
        assertThat(token.matchesHeader("Bearer s3cret-toke")).isFalse();
        assertThat(token.matchesHeader("Bearer s3cret-token2")).isFalse();
        assertThat(token.matchesHeader("Basic s3cret-token")).isFalse();
        assertThat(token.matchesHeader("s3cret-token")).isFalse();
        assertThat(token.matchesHeader("Bearer ")).isFalse();
        assertThat(token.matchesHeader(null)).isFalse();
    }

    @Test
    void aBlankTokenMeansNoneConfiguredAndToStringNeverShowsIt() {
        assertThat(BearerToken.ofNullable(null)).isNull();
        assertThat(BearerToken.ofNullable("   ")).isNull();
        assertThat(BearerToken.ofNullable("s3cret-token").toString()).doesNotContain("s3cret");
    }
}
