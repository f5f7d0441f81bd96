package dev.llmservice.registry;

import java.util.Locale;

/** Where a provider's enabled/disabled state comes from. */
public enum StateSource {
    /** Nothing said: the default ({@code enabled}). */
    DEFAULT,
    /** {@code P_ENABLED} in the environment or {@code .env}. */
    ENVIRONMENT,
    /** A runtime {@code --enable}/{@code --disable}, persisted in the state file. */
    OVERRIDE,
    /** The configuration itself (missing key or invalid values); enable/disable cannot change it. */
    CONFIGURATION;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
