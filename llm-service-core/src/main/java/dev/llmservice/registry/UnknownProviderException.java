package dev.llmservice.registry;

import dev.llmservice.config.Excerpt;

import java.util.Collection;
import java.util.List;

/** A name that no registered provider has. */
public class UnknownProviderException extends IllegalArgumentException {

    private final String name;
    private final List<String> known;

    public UnknownProviderException(String name, Collection<String> known) {
        super("unknown provider " + Excerpt.quoted(name) + "; expected one of: " + String.join(", ", known));
        this.name = name;
        this.known = List.copyOf(known);
    }

    public String name() {
        return name;
    }

    /** The names there are, e.g. those of {@code LLM_PROVIDERS}. */
    public List<String> known() {
        return known;
    }
}
