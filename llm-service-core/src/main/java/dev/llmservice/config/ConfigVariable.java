package dev.llmservice.config;

import java.util.Objects;

/**
 * One of a provider's variables as documented: {@code P_WEIGHT}, its default and what it accepts.
 * {@link ProviderConfigLoader#VARIABLES} lists them all; the loader's problem messages use the same
 * {@link #accepted()} text, so documentation and validation cannot drift apart.
 *
 * @param suffix       the part after the provider's prefix, e.g. {@code _WEIGHT}
 * @param defaultValue the value used when unset, as text, or {@code null} when there is none (the key)
 * @param accepted     what a valid value looks like, e.g. {@code a number from 0.0 to 1.0}
 */
public record ConfigVariable(String suffix, String defaultValue, String accepted) {

    public ConfigVariable {
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(accepted, "accepted");
    }

    /** The variable for a provider prefix: {@code variable("GROK")} is {@code GROK_WEIGHT}. */
    public String variable(String envPrefix) {
        return envPrefix + suffix;
    }
}
