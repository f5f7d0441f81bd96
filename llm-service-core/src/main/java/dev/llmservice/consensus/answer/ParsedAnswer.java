package dev.llmservice.consensus.answer;

import dev.llmservice.consensus.vote.Decision;

import java.util.Objects;

/** What {@link AnswerParser} made of a reply: a {@link Valid} answer or an {@link Unparseable} one. */
public sealed interface ParsedAnswer {

    /**
     * A readable answer.
     *
     * @param decision   BUY, SELL or HOLD
     * @param confidence 0.0 to 1.0
     * @param reasoning  the model's reasoning; empty when it gave none
     */
    record Valid(Decision decision, double confidence, String reasoning) implements ParsedAnswer {
        public Valid {
            Objects.requireNonNull(decision, "decision");
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be from 0.0 to 1.0, but was " + confidence);
            }
            reasoning = reasoning == null ? "" : reasoning;
        }
    }

    /**
     * A reply that could not be read without guessing.
     *
     * @param reason why, in one line, e.g. {@code decision was 'STRONG BUY' but it must be BUY, SELL or HOLD}
     */
    record Unparseable(String reason) implements ParsedAnswer {
        public Unparseable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
