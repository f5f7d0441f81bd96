package dev.llmservice.spring.consensus;

/** No consensus engine is wired in; answered with 501 Not Implemented. */
public class ConsensusUnavailableException extends RuntimeException {

    public ConsensusUnavailableException(String message) {
        super(message);
    }
}
