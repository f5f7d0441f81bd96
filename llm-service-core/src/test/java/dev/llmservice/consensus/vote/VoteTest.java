package dev.llmservice.consensus.vote;

import dev.llmservice.provider.TokenUsage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoteTest {

    @Test
    void okVoteNeedsDecisionAndConfidenceInRange() {
        assertThatThrownBy(() -> Vote.ok("a", "m", 1, Decision.BUY, 1.2, "", Duration.ZERO, TokenUsage.NONE))
                .hasMessage("confidence must be from 0.0 to 1.0, but was 1.2");
        assertThatThrownBy(() -> new Vote("a", "m", 1, VoteStatus.OK, null, 0.5, "", Duration.ZERO, null, null, null))
                .hasMessage("an ok vote needs a decision");
    }

    @Test
    void failedVoteCarriesNoDecisionAndNeedsAMessage() {
        assertThatThrownBy(() -> new Vote("a", "m", 1, VoteStatus.ERROR, Decision.HOLD, null, null, Duration.ZERO,
                null, null, "boom"))
                .hasMessage("a error vote has no decision, confidence or reasoning");
        assertThatThrownBy(() -> new Vote("a", "m", 1, VoteStatus.TIMEOUT, null, null, null, Duration.ZERO, null,
                null, null))
                .hasMessage("a timeout vote needs an error message");
    }

    @Test
    void weightMustBeFiniteAndNotNegative() {
        assertThatThrownBy(() -> TestVotes.ok("a", -0.1, Decision.BUY, 0.5))
                .hasMessage("weight must be a finite number of at least 0, but was -0.1");
        assertThatThrownBy(() -> TestVotes.ok("a", Double.NaN, Decision.BUY, 0.5))
                .hasMessage("weight must be a finite number of at least 0, but was NaN");
    }

    @Test
    void observerIsShownButDoesNotCount() {
        Vote observer = TestVotes.ok("o", 0, Decision.SELL, 1);
        assertThat(observer.isObserver()).isTrue();
        assertThat(observer.counts()).isFalse();
        assertThat(TestVotes.buy("a", 0.1).counts()).isTrue();
        assertThat(TestVotes.error("b").counts()).isFalse();
    }

    @Test
    void decisionsParseIgnoringCaseButNothingElse() {
        assertThat(Decision.parse(" buy ")).contains(Decision.BUY);
        assertThat(Decision.parse("Sell")).contains(Decision.SELL);
        assertThat(Decision.parse("HOLD")).contains(Decision.HOLD);
        assertThat(Decision.parse("STRONG BUY")).isEmpty();
        assertThat(Decision.parse("long")).isEmpty();
        assertThat(Decision.parse(null)).isEmpty();
    }
}
