package dev.llmservice.operations;

/** No recorded consensus has the id asked for (answered 404 by the REST API). */
public class UnknownDecisionException extends RuntimeException {

    private final String id;

    public UnknownDecisionException(String id, String where) {
        super("no consensus with id '" + id + "' in the decision journal (" + where + ")");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
