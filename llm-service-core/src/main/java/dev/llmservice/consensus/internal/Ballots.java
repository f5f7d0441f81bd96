package dev.llmservice.consensus.internal;

import dev.llmservice.consensus.answer.AnswerParser;
import dev.llmservice.consensus.answer.ParsedAnswer;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;

import java.time.Duration;

/**
 * Turns what a provider did into its {@link Vote}. Only a parsed answer votes; everything else becomes a
 * failure with its status, never a default decision.
 */
public final class Ballots {

    /** Longest error message kept in a vote. */
    static final int MAX_ERROR_CHARS = 300;

    private Ballots() {
    }

    /** The voter's identity as the provider's configuration gives it. */
    public record Voter(String provider, String model, double weight, Duration timeout) {
    }

    /** The vote of a provider that answered. */
    public static Vote answered(Voter voter, GenerationResult result, Duration latency) {
        String model = result.model() == null || result.model().isBlank() ? voter.model() : result.model();
        if ("content_filter".equals(result.finishReason())) {
            return Vote.failed(voter.provider(), model, voter.weight(), VoteStatus.REFUSED, FailureKind.REFUSED,
                    "the vendor filtered the answer (finish reason content_filter)", latency, result.usage());
        }
        ParsedAnswer parsed = AnswerParser.parse(result.text());
        if (parsed instanceof ParsedAnswer.Valid valid) {
            return Vote.ok(voter.provider(), model, voter.weight(), valid.decision(), valid.confidence(),
                    valid.reasoning(), latency, result.usage());
        }
        String reason = ((ParsedAnswer.Unparseable) parsed).reason();
        if ("length".equals(result.finishReason())) {
            reason = "the answer was cut off at the token limit (finish reason length); " + reason;
        }
        return Vote.failed(voter.provider(), model, voter.weight(), VoteStatus.UNPARSEABLE, FailureKind.BAD_RESPONSE,
                truncate(reason), latency, result.usage());
    }

    /** The vote of a provider whose call threw. */
    public static Vote threw(Voter voter, Throwable error, Duration latency) {
        if (error instanceof ProviderException pe) {
            VoteStatus status = switch (pe.kind()) {
                case REFUSED -> VoteStatus.REFUSED;
                // An open circuit, or our own rate limit, means we did not call it at all: skipped, with error class
                // circuit_open or rate_limited_locally.
                case CIRCUIT_OPEN, RATE_LIMITED_LOCALLY -> VoteStatus.SKIPPED;
                case TIMEOUT -> VoteStatus.TIMEOUT;
                case BAD_RESPONSE -> VoteStatus.UNPARSEABLE;
                default -> VoteStatus.ERROR;
            };
            String message = pe.getMessage() == null ? pe.kind().label() : pe.getMessage();
            return Vote.failed(voter.provider(), voter.model(), voter.weight(), status, pe.kind(), truncate(message),
                    latency, TokenUsage.NONE);
        }
        String message = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return Vote.failed(voter.provider(), voter.model(), voter.weight(), VoteStatus.ERROR, FailureKind.OTHER,
                truncate(message), latency, TokenUsage.NONE);
    }

    /**
     * The vote of a provider that did not answer in time.
     *
     * @param waited   how long it was waited for
     * @param limit    the limit that ran out: its own timeout, or the request's deadline
     * @param deadline whether the limit was the request's deadline
     */
    public static Vote timedOut(Voter voter, Duration waited, Duration limit, boolean deadline) {
        String message = "no answer within " + human(limit) + (deadline ? " (the request's deadline)" : " (the provider's timeout)");
        return Vote.failed(voter.provider(), voter.model(), voter.weight(), VoteStatus.TIMEOUT, FailureKind.TIMEOUT,
                message, waited, TokenUsage.NONE);
    }

    /** The vote of a provider cancelled because the outcome was already certain. */
    public static Vote cancelled(Voter voter, Duration latency) {
        return Vote.failed(voter.provider(), voter.model(), voter.weight(), VoteStatus.CANCELLED, null,
                "cancelled: the decision was already certain", latency, TokenUsage.NONE);
    }

    /** The vote of a provider that could not be called. */
    public static Vote skipped(Voter voter, String why) {
        return Vote.failed(voter.provider(), voter.model(), voter.weight(), VoteStatus.SKIPPED, null, truncate(why),
                Duration.ZERO, TokenUsage.NONE);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }
}
