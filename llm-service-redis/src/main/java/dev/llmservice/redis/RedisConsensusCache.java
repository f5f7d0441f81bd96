package dev.llmservice.redis;

import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.json.Json;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * One fan-out per consensus request across the replicas, as {@link ConsensusCache} plans it: a lock key and a result
 * key per cache key ({@link RedisKeys#CONSENSUS_LOCK_PREFIX}, {@link RedisKeys#CONSENSUS_RESULT_PREFIX}).
 *
 * <ol>
 *   <li>Within this process, identical requests first meet in an {@linkplain ConsensusCache#inProcess in-process
 *       cache}: one thread per key talks to Redis, the others wait for it (and a result this replica computed is
 *       kept there too, so its own later requests need no round trip).</li>
 *   <li>That thread reads the result key; a result there is returned, shared.</li>
 *   <li>Else it takes the lock ({@code SET NX PX}, until its own {@code waitUntil}: a replica that dies while
 *       computing leaves the lock to expire), computes, stores the result ({@code SET PX}, until its
 *       {@code keepUntil}; not at all when that has come), drops the lock (only if still its own) and announces it on
 *       the channel ({@link RedisKeys#CONSENSUS_CHANGED}). A computation that throws drops the lock and announces
 *       that too, so that the waiters start over.</li>
 *   <li>A replica finding the lock taken waits: it reads both keys again when the announcement arrives, and every
 *       {@link #POLL_INTERVAL} in case it was lost; a result is returned, shared; a lock gone without a result makes
 *       it start over (and maybe compute). When its {@code waitUntil} passes first, it computes for itself: that
 *       result is neither stored nor kept.</li>
 * </ol>
 *
 * <p>The result is kept with a relative expiry ({@code PX}, from this replica's clock) rather than {@code PXAT}, so
 * that a difference between a replica's clock and Redis's does not shorten or lengthen it.
 *
 * <p>Faults: Redis unreachable at any step makes the request this process's alone (the in-process cache, computing
 * when needed; recorded as an outage, warned once a minute). A value under a result key that is not a result (hand
 * edited) is ignored with a warning naming the key, and overwritten by the next result for it.
 */
final class RedisConsensusCache implements ConsensusCache {

    /** How often a waiting replica reads the keys again when no announcement arrives. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** The shortest a lock is taken for, whatever the caller's deadline. */
    static final Duration MIN_LOCK = Duration.ofSeconds(1);

    /** Deletes the lock only while it still holds this computation's token. */
    private static final String DROP_IF_OWN = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;
    private static final String EXPECTED = "a consensus result as the service writes it (ConsensusJson)";

    private final RedisSharedState redis;
    private final Clock clock;
    private final String replicaId;
    private final ConsensusCache local;
    private final MalformedValues malformed = new MalformedValues();
    /** Waiting threads wait on it; an announcement of any key wakes them all to read their keys again. */
    private final Object announcements = new Object();

    RedisConsensusCache(RedisSharedState redis, Clock clock, String replicaId) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
        this.local = ConsensusCache.inProcess(clock);
    }

    /** What this process's one thread for a key got across the replicas. */
    private record Across(Computed computed, boolean shared) {
    }

    @Override
    public Outcome getOrCompute(String key, Instant waitUntil, Supplier<Computed> compute) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(waitUntil, "waitUntil");
        Objects.requireNonNull(compute, "compute");
        boolean[] fromAnotherReplica = {false};
        Outcome outcome = local.getOrCompute(key, waitUntil, () -> {
            Across across = acrossReplicas(key, waitUntil, compute);
            fromAnotherReplica[0] = across.shared();
            return across.computed();
        });
        return outcome.shared() || !fromAnotherReplica[0] ? outcome : new Outcome(outcome.result(), true);
    }

    private Across acrossReplicas(String key, Instant waitUntil, Supplier<Computed> compute) {
        String resultKey = RedisKeys.CONSENSUS_RESULT_PREFIX + key;
        String lockKey = RedisKeys.CONSENSUS_LOCK_PREFIX + key;
        String token = replicaId + " " + UUID.randomUUID();
        while (true) {
            List<KeyValue<String, String>> both;
            try {
                both = redis.call(c -> c.mget(resultKey, lockKey));
            } catch (RuntimeException e) {
                return alone(compute);
            }
            ConsensusResult stored = parse(resultKey, both.get(0).getValueOrElse(null));
            if (stored != null) {
                // Given, not kept here: Redis decides how long it is given.
                return new Across(new Computed(stored, clock.instant()), true);
            }
            if (!both.get(1).hasValue()) {
                Instant now = clock.instant();
                Duration lockFor = Duration.between(now, waitUntil);
                long lockMillis = Math.max(MIN_LOCK.toMillis(), lockFor.toMillis());
                String taken;
                try {
                    taken = redis.call(c -> c.set(lockKey, token, SetArgs.Builder.nx().px(lockMillis)));
                } catch (RuntimeException e) {
                    return alone(compute);
                }
                if ("OK".equals(taken)) {
                    return new Across(computeHolding(key, resultKey, lockKey, token, compute), false);
                }
                continue; // another replica took it just now: wait for its result
            }
            if (!clock.instant().isBefore(waitUntil)) {
                // Waited as long as this request may: its own answer, neither stored over the one in flight nor kept.
                return new Across(new Computed(compute.get().result(), clock.instant()), false);
            }
            awaitAnnouncement();
        }
    }

    /** Redis cannot be reached: this process's computation, kept in this process as it would be in Redis. */
    private static Across alone(Supplier<Computed> compute) {
        return new Across(compute.get(), false);
    }

    private Computed computeHolding(String key, String resultKey, String lockKey, String token,
                                    Supplier<Computed> compute) {
        Computed computed;
        try {
            computed = compute.get();
        } catch (RuntimeException | Error e) {
            release(key, lockKey, token);
            throw e;
        }
        long keepMillis = Duration.between(clock.instant(), computed.keepUntil()).toMillis();
        try {
            redis.call(c -> {
                if (keepMillis > 0) {
                    c.set(resultKey, ConsensusJson.toCompactJson(computed.result()), SetArgs.Builder.px(keepMillis));
                }
                c.eval(DROP_IF_OWN, ScriptOutputType.INTEGER, new String[] {lockKey}, token);
                redis.publish(c, RedisKeys.CONSENSUS_CHANGED + key);
                return null;
            });
        } catch (RuntimeException e) {
            // Recorded as an outage; the lock expires by itself, and the waiters compute when it has.
        }
        return computed;
    }

    private void release(String key, String lockKey, String token) {
        try {
            redis.call(c -> {
                c.eval(DROP_IF_OWN, ScriptOutputType.INTEGER, new String[] {lockKey}, token);
                redis.publish(c, RedisKeys.CONSENSUS_CHANGED + key);
                return null;
            });
        } catch (RuntimeException e) {
            // Recorded as an outage; the lock expires by itself.
        }
    }

    /** The result {@code value} holds; {@code null} when there is none, or it is malformed (warned, naming the key). */
    private ConsensusResult parse(String resultKey, String value) {
        if (value == null) {
            malformed.fine(resultKey);
            return null;
        }
        try {
            ConsensusResult result = ConsensusJson.fromNode(Json.mapper().readTree(value));
            malformed.fine(resultKey);
            return result;
        } catch (Exception e) {
            malformed.found(resultKey, value, Objects.requireNonNullElse(e.getMessage(), e.toString()).lines()
                    .findFirst().orElse(""), EXPECTED, "this request asks the providers");
            return null;
        }
    }

    private void awaitAnnouncement() {
        try {
            synchronized (announcements) {
                announcements.wait(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for an identical consensus request on another "
                    + "replica");
        }
    }

    /** A result was stored or a lock dropped somewhere: the waiting threads read their keys again. */
    void announced() {
        synchronized (announcements) {
            announcements.notifyAll();
        }
    }
}
