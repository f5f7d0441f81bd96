package dev.llmservice.config;

import java.util.Locale;

/** How far a provider's configuration got. */
public enum ConfigStatus {
    /** Every value valid and a key present. */
    CONFIGURED,
    /** No {@code P_API_KEY}: a warning, never an error. */
    NOT_CONFIGURED,
    /** At least one value invalid; see the problems. */
    MISCONFIGURED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
