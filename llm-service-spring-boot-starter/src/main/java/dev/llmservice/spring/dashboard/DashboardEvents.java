package dev.llmservice.spring.dashboard;

import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.operations.ConsensusOperations;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.resilience.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dashboard's server-sent events ({@code GET /dashboard/events}): {@value #PROVIDERS} when a provider's state,
 * circuit or health changes, {@value #DECISIONS} when a decision is recorded. An event carries its name only, never
 * data: the page fetches the fragment it names with its own token (the stream is open, since a browser's
 * {@code EventSource} cannot send one).
 *
 * <p>Where changes come from:
 * <ul>
 *   <li>the registry's events (enable, disable, an override applied from the state file the CLI writes, a health
 *       check recorded, a re-initialisation), coalesced over {@link #COALESCE} so that a re-initialisation of twenty
 *       providers is one event;</li>
 *   <li>every {@link #POLL_INTERVAL}, while a page is connected: the circuits (a breaker opens without a registry
 *       event) and the journal's newest decision id, so that decisions recorded by the CLI or another server on
 *       the same journal show too. The journal is read after it wrote, so the page finds what the event names.</li>
 * </ul>
 *
 * <p>At most {@link #MAX_CLIENTS} streams at once (the stream needs no token; more are refused with 503). A
 * stream ends after {@link #STREAM_TIMEOUT}; the browser reconnects. The streams are closed when the application
 * stops, before the web server's graceful shutdown waits for open requests ({@link SmartLifecycle}, default phase).
 *
 * <p>Thread-safety: emitters are a copy-on-write list; sends happen on the single scheduler thread, never under a
 * lock and never on the thread that changed the registry.
 */
public final class DashboardEvents implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardEvents.class);

    public static final String PROVIDERS = "providers";
    public static final String DECISIONS = "decisions";
    public static final int MAX_CLIENTS = 64;
    static final Duration COALESCE = Duration.ofMillis(100);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);
    /** A comment line this often finds streams whose browser went away. */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final ProviderRegistry registry;
    private final ConsensusOperations consensus;
    private final ProviderCallStats calls;
    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final AtomicBoolean providersPending = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llm-dashboard-events");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    // Read and written on the scheduler thread only.
    private String lastCircuits;
    private String lastDecision;
    private boolean decisionKnown;
    private long ticks;

    /** @param calls sampled once a minute here; {@code null} without metrics */
    public DashboardEvents(ProviderRegistry registry, ConsensusOperations consensus, ProviderCallStats calls) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.consensus = Objects.requireNonNull(consensus, "consensus");
        this.calls = calls;
        registry.addListener(e -> providersChanged());
    }

    /**
     * A new stream for a page; {@code null} when {@link #MAX_CLIENTS} are open already.
     */
    public SseEmitter subscribe() {
        if (!running || emitters.size() >= MAX_CLIENTS) {
            return null;
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitters.add(emitter);
        // Opens the stream at once (headers flushed), so the page knows it is connected.
        scheduler.execute(() -> send(emitter, SseEmitter.event().comment("connected")));
        return emitter;
    }

    /** How many pages are connected. */
    public int clients() {
        return emitters.size();
    }

    private void providersChanged() {
        if (running && !emitters.isEmpty() && providersPending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                providersPending.set(false);
                broadcast(PROVIDERS);
            }, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            ticks++;
            if (calls != null && ticks % ProviderCallStats.SAMPLE_INTERVAL.dividedBy(POLL_INTERVAL) == 0) {
                calls.sample();
            }
            if (emitters.isEmpty()) {
                decisionKnown = false; // the next page starts from what it rendered
                return;
            }
            String circuits = circuits();
            if (lastCircuits != null && !circuits.equals(lastCircuits)) {
                broadcast(PROVIDERS);
            }
            lastCircuits = circuits;
            String newest = newestDecision();
            if (decisionKnown && !Objects.equals(newest, lastDecision)) {
                broadcast(DECISIONS);
            }
            lastDecision = newest;
            decisionKnown = true;
            if (ticks % HEARTBEAT.dividedBy(POLL_INTERVAL) == 0) {
                emitters.forEach(e -> send(e, SseEmitter.event().comment("heartbeat")));
            }
        } catch (RuntimeException e) {
            // A journal that cannot be read now must not stop the ticks for good.
            LOG.debug("dashboard events: {}", e.toString());
        }
    }

    private String circuits() {
        StringBuilder b = new StringBuilder();
        for (ProviderEntry e : registry.snapshot()) {
            b.append(e.name()).append('=')
                    .append(e.circuit().map(CircuitBreaker.Snapshot::state).map(Object::toString).orElse("-"))
                    .append(';');
        }
        return b.toString();
    }

    private String newestDecision() {
        var entries = consensus.history(HistoryQuery.newest().withLimit(1)).entries();
        return entries.isEmpty() ? null : entries.get(0).id();
    }

    private void broadcast(String name) {
        for (SseEmitter e : emitters) {
            send(e, SseEmitter.event().name(name).data(name));
        }
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // The browser went away: Spring completes the emitter, onCompletion/onError remove it.
            emitters.remove(emitter);
        }
    }

    @Override
    public void start() {
        running = true;
        if (calls != null) {
            calls.sample();
        }
        scheduler.scheduleWithFixedDelay(this::tick, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Ends every stream, so that a graceful shutdown does not wait for them. */
    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
