package dev.llmservice.registry;

import java.util.Locale;

/** The state of a registered provider, as shown by status output. */
public enum ProviderState {
    /** Configured and switched on: available to callers. */
    ENABLED,
    /** Configured but switched off, by {@code P_ENABLED=false} or an override. */
    DISABLED,
    /** No API key: never available until one is set and the registry re-initialised. */
    NOT_CONFIGURED,
    /** At least one invalid value: never available until fixed and the registry re-initialised. */
    MISCONFIGURED;

    /** {@code not_configured}: the form used in JSON and on the command line. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
