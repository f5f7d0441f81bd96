package dev.llmservice.redis;

import dev.llmservice.resilience.CircuitOpening;
import dev.llmservice.resilience.CircuitSharing;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Circuit openings in the Redis hash {@link RedisKeys#CIRCUITS} (provider name to {@link CircuitJson}), with a copy in
 * memory that the breakers read on every call ({@link #current}).
 *
 * <ul>
 *   <li>An opening or close made here takes effect in the copy at once and is written, then announced on the
 *       channel, by the worker thread; until written it is <em>pending</em>, and a re-read does not undo it. While
 *       Redis is unreachable the pending ones wait, and go out when it is back.</li>
 *   <li>A close deletes the field only if it still holds that opening (a Lua compare-and-delete), so a close that
 *       arrives late never removes a newer opening.</li>
 *   <li>The probe after a cool-down is a key set with {@code SET NX PX} ({@link #PROBE_LOCK_TTL}), one per opening:
 *       exactly one replica gets it. Unreachable Redis: every replica probes once for itself.</li>
 *   <li>A field that is not an opening (hand-edited) is ignored with a warning naming it, once per value.</li>
 * </ul>
 */
final class RedisCircuitSharing implements CircuitSharing {

    /**
     * How long the probe key lives: the longest a probe call may take (a generate with its retries) with room to
     * spare. A replica that took the probe and died leaves the others waiting this long at most.
     */
    static final Duration PROBE_LOCK_TTL = Duration.ofSeconds(90);

    private static final String CLOSE_IF_SAME = """
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if v then
              local ok, o = pcall(cjson.decode, v)
              if ok and type(o) == 'table' and o.opened_by == ARGV[2] and o.opened_at == ARGV[3] then
                redis.call('HDEL', KEYS[1], ARGV[1])
                return 1
              end
            end
            return 0
            """;

    private final RedisSharedState redis;
    private final String replicaId;
    private final MalformedValues malformed = new MalformedValues();
    /** What the breakers read: provider to its opening as this replica knows it. */
    private final Map<String, CircuitOpening> known = new ConcurrentHashMap<>();
    /** Openings made here, not yet written. */
    private final Map<String, CircuitOpening> pendingOpen = new ConcurrentHashMap<>();
    /** Closes made here, not yet written. */
    private final Map<String, CircuitOpening> pendingClose = new ConcurrentHashMap<>();

    RedisCircuitSharing(RedisSharedState redis, String replicaId) {
        this.redis = redis;
        this.replicaId = replicaId;
    }

    @Override
    public String replicaId() {
        return replicaId;
    }

    @Override
    public Optional<CircuitOpening> current(String provider) {
        return Optional.ofNullable(known.get(provider));
    }

    @Override
    public void opened(String provider, CircuitOpening opening) {
        pendingClose.remove(provider);
        pendingOpen.put(provider, opening);
        known.put(provider, opening);
        redis.runLater(() -> write(provider));
    }

    @Override
    public void closed(String provider, CircuitOpening opening) {
        pendingOpen.computeIfPresent(provider, (p, o) -> o.sameAs(opening) ? null : o);
        pendingClose.put(provider, opening);
        known.computeIfPresent(provider, (p, o) -> o.sameAs(opening) ? null : o);
        redis.runLater(() -> delete(provider));
    }

    @Override
    public boolean tryProbe(String provider, CircuitOpening opening) {
        String key = RedisKeys.PROBE_PREFIX + provider + ":" + opening.openedBy() + ":"
                + opening.openedAt().toEpochMilli();
        try {
            return "OK".equals(redis.call(c -> c.set(key, replicaId,
                    SetArgs.Builder.nx().px(PROBE_LOCK_TTL.toMillis()))));
        } catch (RuntimeException e) {
            return true;  // the others cannot be asked: this replica probes for itself, as without sharing
        }
    }

    // on the worker thread ------------------------------------------------------------------------------------

    private void write(String provider) {
        CircuitOpening opening = pendingOpen.get(provider);
        if (opening == null) {
            return;
        }
        redis.call(c -> {
            c.hset(RedisKeys.CIRCUITS, provider, CircuitJson.write(opening));
            redis.publish(c, RedisKeys.CIRCUIT_CHANGED + provider);
            return null;
        });
        pendingOpen.remove(provider, opening);
    }

    private void delete(String provider) {
        CircuitOpening opening = pendingClose.get(provider);
        if (opening == null) {
            return;
        }
        redis.call(c -> {
            c.eval(CLOSE_IF_SAME, ScriptOutputType.INTEGER, new String[] {RedisKeys.CIRCUITS}, provider,
                    opening.openedBy(), opening.openedAt().toString());
            redis.publish(c, RedisKeys.CIRCUIT_CHANGED + provider);
            return null;
        });
        pendingClose.remove(provider, opening);
    }

    /** Writes what could not be written while Redis was unreachable. */
    void publishPending() {
        for (String provider : Set.copyOf(pendingOpen.keySet())) {
            write(provider);
        }
        for (String provider : Set.copyOf(pendingClose.keySet())) {
            delete(provider);
        }
    }

    /** Another replica announced a change of {@code provider}'s circuit: read it. */
    void reread(String provider) {
        apply(provider, redis.call(c -> c.hget(RedisKeys.CIRCUITS, provider)));
    }

    /** Reads every opening: the safety net for a lost message. */
    void rereadAll() {
        Map<String, String> all = redis.call(c -> c.hgetall(RedisKeys.CIRCUITS));
        Set<String> providers = new HashSet<>(known.keySet());
        providers.addAll(all.keySet());
        for (String provider : providers) {
            apply(provider, all.get(provider));
        }
    }

    /** What Redis holds for {@code provider} ({@code null}: nothing) becomes what the breakers see, unless pending. */
    private void apply(String provider, String value) {
        if (pendingOpen.containsKey(provider)) {
            return;  // ours is on its way
        }
        String where = RedisKeys.field(RedisKeys.CIRCUITS, provider);
        if (value == null) {
            malformed.fine(where);
            known.remove(provider);
            return;
        }
        CircuitOpening opening;
        try {
            opening = CircuitJson.read(value);
        } catch (IllegalArgumentException e) {
            malformed.found(where, value, e.getMessage(), CircuitJson.EXPECTED,
                    "the circuit of " + provider + " is decided as if it were not there");
            known.remove(provider);
            return;
        }
        malformed.fine(where);
        CircuitOpening closing = pendingClose.get(provider);
        if (opening.sameAs(closing)) {
            known.remove(provider);  // closed here, the delete is on its way
        } else {
            known.put(provider, opening);
        }
    }
}
