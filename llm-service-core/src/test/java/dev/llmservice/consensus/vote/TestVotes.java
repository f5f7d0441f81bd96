package dev.llmservice.consensus.vote;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

import java.time.Duration;

/** Short ways to write hand-built votes. */
public final class TestVotes {

    private TestVotes() {
    }

    public static Vote buy(String provider, double confidence) {
        return ok(provider, 1, Decision.BUY, confidence);
    }

    public static Vote sell(String provider, double confidence) {
        return ok(provider, 1, Decision.SELL, confidence);
    }

    public static Vote hold(String provider, double confidence) {
        return ok(provider, 1, Decision.HOLD, confidence);
    }

    public static Vote ok(String provider, double weight, Decision decision, double confidence) {
        return Vote.ok(provider, "model-" + provider, weight, decision, confidence, "because " + provider,
                Duration.ofMillis(100), new TokenUsage(900, 40));
    }

    public static Vote failed(String provider, double weight, VoteStatus status) {
        FailureKind kind = switch (status) {
            case TIMEOUT -> FailureKind.TIMEOUT;
            case UNPARSEABLE -> FailureKind.BAD_RESPONSE;
            case REFUSED -> FailureKind.REFUSED;
            case ERROR -> FailureKind.RATE_LIMITED;
            default -> null;
        };
        return Vote.failed(provider, "model-" + provider, weight, status, kind, status.code() + " for " + provider,
                Duration.ofMillis(100), TokenUsage.NONE);
    }

    public static Vote error(String provider) {
        return failed(provider, 1, VoteStatus.ERROR);
    }
}
