package dev.llmservice.spring.state;

import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * An {@link OverrideStore} that tells its listeners about every override this process writes through it, after
 * the write succeeded: the auto-configured factory writes through one, so that the {@link OverrideFileWatcher}
 * can tell the server's own writes from another process's (see {@link OverrideFileWatcher#recordWrite}).
 *
 * <p>It also logs when the store becomes unreadable (a warning naming the file and what is wrong) and when it can
 * be read again (info), once each: the watcher reads the store every poll interval, and a warning per read
 * would repeat every second for as long as the file stays damaged.
 *
 * <p>Thread-safe. Listeners run on the writing thread, in the order added; one that throws is logged and does
 * not undo the write or stop the others.
 */
public final class ObservableOverrideStore implements OverrideStore {

    private static final Logger LOG = LoggerFactory.getLogger(ObservableOverrideStore.class);

    private final OverrideStore delegate;
    private final List<BiConsumer<String, Boolean>> listeners = new CopyOnWriteArrayList<>();
    /** The problem last logged; {@code null} while the store could be read. */
    private final AtomicReference<String> loggedProblem = new AtomicReference<>();

    private ObservableOverrideStore(OverrideStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** {@code store} itself when it already is one, else a new one writing to it. */
    public static ObservableOverrideStore of(OverrideStore store) {
        return store instanceof ObservableOverrideStore observable ? observable : new ObservableOverrideStore(store);
    }

    /**
     * @param listener gets the provider name (lower case, as stored) and the value written ({@code null}: removed)
     */
    public void addWriteListener(BiConsumer<String, Boolean> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Map<String, Boolean> load() {
        try {
            return delegate.load();
        } finally {
            logProblemChange();
        }
    }

    @Override
    public void set(String name, Boolean enabled, boolean replaceDamaged) {
        try {
            delegate.set(name, enabled, replaceDamaged);
        } finally {
            logProblemChange();
        }
        String key = name.toLowerCase(Locale.ROOT);
        for (BiConsumer<String, Boolean> listener : listeners) {
            try {
                listener.accept(key, enabled);
            } catch (RuntimeException e) {
                LOG.warn("state file {}: a write listener failed: {}", delegate.location(), e.toString());
            }
        }
    }

    @Override
    public Optional<StateFileException> readFailure() {
        return delegate.readFailure();
    }

    @Override
    public Map<String, Boolean> lastKnown() {
        return delegate.lastKnown();
    }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        return delegate.subscribe(onChange);
    }

    @Override
    public String location() {
        return delegate.location();
    }

    private void logProblemChange() {
        String now = delegate.readFailure().map(StateFileException::problem).orElse(null);
        String before = loggedProblem.getAndSet(now);
        if (Objects.equals(before, now)) {
            return;
        }
        if (now != null) {
            LOG.warn("state file {}: {}; its overrides are not applied, those in effect are kept until it can be read "
                    + "again (logged once)",
                    delegate.location(), now);
        } else {
            LOG.info("state file {} can be read again; its overrides apply", delegate.location());
        }
    }
}
