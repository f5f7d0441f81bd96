package dev.llmservice.registry;

import dev.llmservice.config.Excerpt;

import java.util.Collection;

/** A name that no registered provider has. */
public class UnknownProviderException extends IllegalArgumentException {

    private final String name;

    public UnknownProviderException(String name, Collection<String> known) {
        super("unknown provider " + Excerpt.quoted(name) + "; expected one of: " + String.join(", ", known));
        this.name = name;
    }

    public String name() {
        return name;
    }
}
