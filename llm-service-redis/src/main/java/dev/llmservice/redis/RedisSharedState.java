package dev.llmservice.redis;

import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.ratelimit.RateLimitBuckets;
import dev.llmservice.resilience.CircuitSharing;
import dev.llmservice.shared.SharedState;
import dev.llmservice.shared.SharedStateHealth;
import dev.llmservice.shared.SharedStateSettings;
import dev.llmservice.shared.StateUrl;
import dev.llmservice.state.OverrideStore;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The replicas' shared state in Redis: overrides ({@link RedisOverrideStore}), circuit openings
 * ({@link RedisCircuitSharing}), the rate limits' buckets (Bucket4j's {@code LettuceBasedProxyManager}) and the
 * consensus cache ({@link RedisConsensusCache}), over one command connection, one connection for the buckets (whose
 * state is bytes) and one pub/sub connection (Lettuce).
 *
 * <p>How changes travel: a replica that writes a change publishes a one-word message on the channel
 * ({@link RedisKeys#channel}); every replica re-reads what the message names (it never trusts the message's content)
 * and, as a safety net for a lost message or connection, re-reads every circuit each {@link #REFRESH_INTERVAL} (the
 * starter re-reads the overrides at its own poll interval).
 *
 * <p>Faults: Redis down at start is not an error, the connection is tried again every refresh; a lost connection is
 * re-established by Lettuce every {@link #RECONNECT_DELAY}. Meanwhile commands fail at once instead of queueing
 * ({@code REJECT_COMMANDS}), {@link #health()} is down, the overrides stay as last read (a process starting applies
 * the local mirror of them, {@link RedisOverrideStore}), the circuits are decided by each replica alone, so are the
 * rate limits (each replica keeps every limit in its own buckets, never less strictly), the consensus cache is each
 * replica's, and {@link OutageLog} warns at most once a minute. When Redis is back, this replica publishes
 * the openings it could not, re-reads everything and tells the override store's subscribers, within a refresh.
 *
 * <p>Threads: one daemon thread ({@code llm-shared-state}) runs the refresh, the publications and the handling of
 * messages in order; callers' threads run only the commands whose answer they need (reading and writing overrides,
 * asking for a probe), each bounded by {@link #COMMAND_TIMEOUT}.
 */
final class RedisSharedState implements SharedState {

    /** The longest a command may take before it counts as failed. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    /** How often every opening is re-read (and a lost connection tried), whatever the messages said. */
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
    /** Between Lettuce's attempts to re-establish a lost connection. */
    static final Duration RECONNECT_DELAY = Duration.ofMillis(250);
    /**
     * How long a rate limit's bucket stays in Redis after it would be full again: an unused bucket is the same as none,
     * so idle buckets (of providers gone, or of a changed limit) do not stay for ever.
     */
    static final Duration BUCKET_KEPT_WHEN_FULL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger("dev.llmservice.redis.SharedState");

    private final SharedStateSettings settings;
    private final StateUrl url;
    private final String channel;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService worker;
    private final OutageLog outage;
    private final RedisOverrideStore overrides;
    private final RedisCircuitSharing circuits;
    private final RateLimitBuckets rateLimits;
    private final RedisConsensusCache consensusCache;
    private final Clock clock;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, byte[]> bucketConnection;
    private volatile ProxyManager<String> buckets;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean closed;

    RedisSharedState(SharedStateSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.url = Objects.requireNonNull(settings.url(), "settings.url");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.channel = RedisKeys.channel(url.database());
        this.outage = new OutageLog(url.location(), clock);
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.constant(RECONNECT_DELAY))
                .build();
        this.client = RedisClient.create(resources, redisUri(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llm-shared-state");
            t.setDaemon(true);
            return t;
        });
        this.overrides = new RedisOverrideStore(this, OverrideStore.file(settings.stateFile()), clock);
        this.circuits = new RedisCircuitSharing(this, settings.replicaId());
        this.rateLimits = RateLimitBuckets.sharedOrLocal(this::sharedBucket, RateLimitBuckets.inProcess(clock),
                e -> outage.down(reason(e)));
        this.consensusCache = new RedisConsensusCache(this, clock, settings.replicaId());
        connect();
        worker.scheduleWithFixedDelay(this::refresh, REFRESH_INTERVAL.toMillis(), REFRESH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static RedisURI redisUri(StateUrl url) {
        RedisURI.Builder b = RedisURI.builder()
                .withHost(url.host())
                .withPort(url.port())
                .withDatabase(url.database())
                .withSsl(url.tls())
                .withTimeout(COMMAND_TIMEOUT);
        if (url.password() != null) {
            if (url.user() != null) {
                b.withAuthentication(url.user(), url.password().toCharArray());
            } else {
                b.withPassword(url.password().toCharArray());
            }
        }
        return b.build();
    }

    // connections ---------------------------------------------------------------------------------------------

    /**
     * Connects when not connected yet; a failure is an outage, tried again at the next refresh. Runs in the
     * constructor, then only on the worker thread: no lock is needed, and none is held over the network.
     */
    private void connect() {
        if (closed || (connection != null && bucketConnection != null && pubSub != null)) {
            return;
        }
        try {
            if (connection == null) {
                connection = client.connect();
            }
            if (bucketConnection == null) {
                StatefulRedisConnection<String, byte[]> c = client.connect(RedisCodec.of(StringCodec.UTF8,
                        ByteArrayCodec.INSTANCE));
                buckets = Bucket4jLettuce.casBasedBuilder(c)
                        .clientClock(RateLimitBuckets.timeOf(clock))
                        .expirationAfterWrite(ExpirationAfterWriteStrategy
                                .basedOnTimeForRefillingBucketUpToMax(BUCKET_KEPT_WHEN_FULL))
                        .requestTimeout(COMMAND_TIMEOUT)
                        .build();
                bucketConnection = c;
            }
            if (pubSub == null) {
                StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
                subscriber.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String from, String message) {
                        onMessage(message);
                    }
                });
                subscriber.sync().subscribe(channel);
                pubSub = subscriber;
            }
            LOG.info("shared state {}: connected as replica {}", url.location(), settings.replicaId());
            if (outage.up()) {
                recovered();
            }
        } catch (RuntimeException e) {
            outage.down(reason(e));
        }
    }

    /**
     * Runs {@code command} on the command connection, on the caller's thread, within {@link #COMMAND_TIMEOUT}.
     *
     * @throws RedisException when Redis cannot be reached (the outage is recorded and logged as its rule says)
     */
    <T> T call(Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            // Never connected: the last attempt's failure says why (refused, wrong password, unknown host).
            String why = outage.reason() != null ? outage.reason() : "not connected";
            outage.down(why);
            throw new RedisException(why);
        }
        T result;
        try {
            result = command.apply(c.sync());
        } catch (RuntimeException e) {
            outage.down(reason(e));
            throw e;
        }
        if (outage.up()) {
            runLater(this::recovered);
        }
        return result;
    }

    /** Publishes that {@code what} changed ({@link RedisKeys#OVERRIDES_CHANGED}, a circuit) to every replica. */
    void publish(RedisCommands<String, String> commands, String what) {
        commands.publish(channel, what);
    }

    /** Runs {@code task} on the worker thread, after what was queued before it; nothing once closed. */
    void runLater(Runnable task) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // Already recorded as an outage where it was a Redis failure; one bad task never stops the worker.
                    LOG.debug("shared state {}: {}", url.location(), reason(e));
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }

    /**
     * The bucket {@code key} names in Redis, for {@link RateLimitBuckets#sharedOrLocal}; each of its operations is one
     * command (or a few, on a conflict), bounded by {@link #COMMAND_TIMEOUT}.
     *
     * @throws RedisException when never connected (the local buckets count meanwhile)
     */
    private io.github.bucket4j.Bucket sharedBucket(String key, io.github.bucket4j.BucketConfiguration configuration) {
        ProxyManager<String> proxies = buckets;
        if (proxies == null) {
            throw new RedisException(outage.reason() != null ? outage.reason() : "not connected");
        }
        return proxies.builder().build(RedisKeys.RATE_LIMIT_PREFIX + key, () -> configuration);
    }

    private void onMessage(String message) {
        if (message != null && message.startsWith(RedisKeys.CONSENSUS_CHANGED)) {
            consensusCache.announced();
        } else if (RedisKeys.OVERRIDES_CHANGED.equals(message)) {
            runLater(overrides::changed);
        } else if (message != null && message.startsWith(RedisKeys.CIRCUIT_CHANGED)) {
            String provider = message.substring(RedisKeys.CIRCUIT_CHANGED.length());
            runLater(() -> circuits.reread(provider));
        }
    }

    /** Every refresh interval: connect if need be, re-read every opening. */
    private void refresh() {
        try {
            connect();
            circuits.rereadAll();
        } catch (RuntimeException e) {
            // Recorded by call(); the next refresh tries again.
        }
    }

    /** Redis is reachable again: what this replica did meanwhile goes out, what others did comes in. */
    private void recovered() {
        circuits.publishPending();
        circuits.rereadAll();
        overrides.changed();
    }

    /** A failure in a few words, never with the password. */
    String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        String why = root == e || root.getMessage() == null || top.contains(root.getMessage()) ? top
                : top + ": " + root.getMessage();
        return url.password() == null ? why : why.replace(url.password(), "\u2026");
    }

    // SharedState ---------------------------------------------------------------------------------------------

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public OverrideStore overrides() {
        return overrides;
    }

    @Override
    public CircuitSharing circuits() {
        return circuits;
    }

    @Override
    public RateLimitBuckets rateLimits() {
        return rateLimits;
    }

    @Override
    public ConsensusCache consensusCache() {
        return consensusCache;
    }

    @Override
    public String replicaId() {
        return settings.replicaId();
    }

    String location() {
        return url.location();
    }

    @Override
    public SharedStateHealth health() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen() || outage.isDown()) {
            String why = outage.reason() != null ? outage.reason() : c == null ? "not connected" : "connection lost";
            return new SharedStateHealth(false, url.location(), settings.replicaId(),
                    "unreachable" + (outage.downSince() == null ? "" : " since " + outage.downSince()) + " (" + why
                            + ")");
        }
        return new SharedStateHealth(true, url.location(), settings.replicaId(), null);
    }

    /** The outage record, for tests of the once-a-minute rule. */
    OutageLog outage() {
        return outage;
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        try {
            // A connect in progress on the worker must finish before the connections are closed.
            worker.awaitTermination(COMMAND_TIMEOUT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(pubSub);
        closeQuietly(bucketConnection);
        closeQuietly(connection);
        pubSub = null;
        buckets = null;
        bucketConnection = null;
        connection = null;
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.debug("shared state {}: closing: {}", url.location(), reason(e));
        }
    }

    private static void closeQuietly(io.lettuce.core.api.StatefulConnection<?, ?> c) {
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // Closing anyway.
            }
        }
    }

    @Override
    public String toString() {
        return "RedisSharedState[" + url.location() + ", replica " + settings.replicaId() + "]";
    }
}
