package dev.llmservice.shared;

import dev.llmservice.config.Environment;
import dev.llmservice.state.OverrideStore;

import java.time.Clock;
import java.util.ServiceLoader;

/**
 * Opens the shared state the environment asks for ({@link SharedStateSettings}): the CLI and the starter call
 * {@link #open(Environment, Clock)} once at start and {@link SharedState#close()} at the end.
 */
public final class SharedStates {

    private SharedStates() {
    }

    /**
     * {@link SharedState#local} over the state file ({@code LLM_STATE_FILE}) when {@code LLM_STATE_URL} is not set,
     * else the shared state it names.
     *
     * @throws InvalidSharedStateSettingsException when {@code LLM_STATE_URL} or {@code LLM_INSTANCE_ID} is invalid
     * @throws SharedStateException                 when no implementation on the class path serves it
     */
    public static SharedState open(Environment env, Clock clock) {
        return open(SharedStateSettings.load(env), clock);
    }

    /**
     * {@link SharedState#local} over {@code settings}' state file when they are not
     * {@linkplain SharedStateSettings#shared() shared}, else the shared state they name.
     *
     * @throws SharedStateException when no implementation on the class path serves it
     */
    public static SharedState open(SharedStateSettings settings, Clock clock) {
        if (!settings.shared()) {
            return SharedState.local(OverrideStore.file(settings.stateFile()), settings.replicaId(), clock);
        }
        for (SharedStateProvider provider : ServiceLoader.load(SharedStateProvider.class,
                SharedStates.class.getClassLoader())) {
            if (provider.supports(settings)) {
                return provider.open(settings, clock);
            }
        }
        throw new SharedStateException(SharedStateSettings.URL_VARIABLE + " is " + settings.url().location()
                + " but no shared state implementation is on the class path: add the llm-service-redis module, or "
                + "unset " + SharedStateSettings.URL_VARIABLE);
    }
}
