package dev.llmservice.consensus.internal;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BallotsTest {

    private static final Ballots.Voter VOTER = new Ballots.Voter("openai", "gpt-4.1", 0.8, Duration.ofSeconds(30));
    private static final Duration LATENCY = Duration.ofMillis(420);

    private static GenerationResult result(String text, String finishReason, String model) {
        return new GenerationResult("openai", model, text, new TokenUsage(800, 30), LATENCY, finishReason);
    }

    @Test
    void aParsedAnswerVotesWithTheModelTheVendorReported() {
        Vote v = Ballots.answered(VOTER, result("{\"decision\":\"sell\",\"confidence\":\"70%\"}", "stop", "gpt-4.1-2025-04-14"), LATENCY);
        assertThat(v.status()).isEqualTo(VoteStatus.OK);
        assertThat(v.decision()).isEqualTo(Decision.SELL);
        assertThat(v.confidence()).isEqualTo(0.7);
        assertThat(v.model()).isEqualTo("gpt-4.1-2025-04-14");
        assertThat(v.weight()).isEqualTo(0.8);
        assertThat(v.tokens()).isEqualTo(new TokenUsage(800, 30));
        assertThat(v.latency()).isEqualTo(LATENCY);
    }

    @Test
    void aContentFilterFinishIsARefusalEvenWithText() {
        Vote v = Ballots.answered(VOTER, result("{\"decision\":\"BUY\",\"confidence\":1}", "content_filter", null), LATENCY);
        assertThat(v.status()).isEqualTo(VoteStatus.REFUSED);
        assertThat(v.failure()).isEqualTo(FailureKind.REFUSED);
        assertThat(v.model()).isEqualTo("gpt-4.1");
    }

    @Test
    void aTruncatedAnswerSaysSo() {
        Vote v = Ballots.answered(VOTER, result("{\"decision\": \"BUY\", \"confid", "length", "gpt-4.1"), LATENCY);
        assertThat(v.status()).isEqualTo(VoteStatus.UNPARSEABLE);
        assertThat(v.error()).startsWith("the answer was cut off at the token limit (finish reason length); no JSON object");
    }

    @Test
    void vendorRefusalsBecomeRefusedVotes() {
        // What the vendor providers throw for Anthropic stop_reason "refusal", OpenAI "refusal" and Gemini blocks.
        Vote v = Ballots.threw(VOTER, new ProviderException("openai", FailureKind.REFUSED, 200,
                "refused: I'm very sorry, but I can't assist with that.", null), LATENCY);
        assertThat(v.status()).isEqualTo(VoteStatus.REFUSED);
        assertThat(v.decision()).isNull();
        assertThat(v.error()).isEqualTo("refused: I'm very sorry, but I can't assist with that.");
    }

    @Test
    void longErrorsAreCut() {
        Vote v = Ballots.threw(VOTER, new ProviderException("openai", FailureKind.OTHER, "x".repeat(1000)), LATENCY);
        assertThat(v.error()).hasSize(Ballots.MAX_ERROR_CHARS).endsWith("...");
    }

    @Test
    void timeoutsNameTheLimitThatRanOut() {
        assertThat(Ballots.timedOut(VOTER, Duration.ofMillis(29_990), Duration.ofSeconds(30), false).error())
                .isEqualTo("no answer within 30 s (the provider's timeout)");
        assertThat(Ballots.timedOut(VOTER, Duration.ofMillis(1490), Duration.ofMillis(1500), true).error())
                .isEqualTo("no answer within 1500 ms (the request's deadline)");
    }
}
