package dev.llmservice.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Overrides in the Redis hash {@link RedisKeys#OVERRIDES}, one field per provider (lower case) holding
 * {@code {"enabled": false, "updated_at": "2026-12-05T10:00:00Z"}}. A write sets or deletes the field and publishes
 * {@link RedisKeys#OVERRIDES_CHANGED}; every replica's {@link #subscribe subscribers} hear of it and read the hash.
 *
 * <p>A field whose value is not that shape (hand-edited) is ignored with a warning naming it (once per value): the
 * value last read for that provider, if any, stays in effect, so a typo never re-enables a disabled provider. The
 * other fields apply. Redis being unreachable makes {@link #load()} throw (its {@link #readFailure()} says so): the
 * caller keeps the overrides it has, as with a state file that cannot be read. A write then fails and changes nothing.
 * There is no damaged store to replace: {@code replaceDamaged} changes nothing.
 */
final class RedisOverrideStore implements OverrideStore {

    private static final Logger LOG = LoggerFactory.getLogger("dev.llmservice.redis.SharedState");
    private static final String KIND = "shared state";
    private static final String EXPECTED = "{\"enabled\": true} or {\"enabled\": false}";

    private final RedisSharedState redis;
    private final Clock clock;
    private final MalformedValues malformed = new MalformedValues();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    /** The overrides as last read; guarded by {@code this} (updated after the read, never over it). */
    private Map<String, Boolean> lastRead = Map.of();
    private volatile StateFileException readFailure;

    RedisOverrideStore(RedisSharedState redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public Map<String, Boolean> load() {
        Map<String, String> raw;
        try {
            raw = redis.call(c -> c.hgetall(RedisKeys.OVERRIDES));
        } catch (RuntimeException e) {
            StateFileException failure = new StateFileException(KIND, location(), StateFileException.Reason.UNUSABLE,
                    "cannot be reached (" + redis.reason(e) + "); the overrides last read stay in effect", null, null,
                    null);
            readFailure = failure;
            throw failure;
        }
        Map<String, Boolean> previous;
        synchronized (this) {
            previous = lastRead;
        }
        Map<String, Boolean> result = new HashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String where = RedisKeys.field(RedisKeys.OVERRIDES, e.getKey());
            Boolean enabled = parse(e.getValue());
            if (enabled == null) {
                Boolean kept = previous.get(name);
                malformed.found(where, e.getValue(), "not an override", EXPECTED,
                        kept == null ? "no override for " + name : name + " stays " + (kept ? "enabled" : "disabled"));
                if (kept != null) {
                    result.put(name, kept);
                }
            } else {
                malformed.fine(where);
                result.put(name, enabled);
            }
        }
        synchronized (this) {
            lastRead = Map.copyOf(result);
        }
        readFailure = null;
        return Map.copyOf(result);
    }

    /** The override a field's value holds; {@code null} when it is malformed. */
    private static Boolean parse(String value) {
        try {
            JsonNode node = Json.mapper().readTree(value);
            JsonNode enabled = node == null || !node.isObject() ? null : node.get("enabled");
            return enabled != null && enabled.isBoolean() ? enabled.booleanValue() : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void set(String name, Boolean enabled, boolean replaceDamaged) {
        String key = name.toLowerCase(Locale.ROOT);
        try {
            redis.call(c -> {
                if (enabled == null) {
                    c.hdel(RedisKeys.OVERRIDES, key);
                } else {
                    ObjectNode value = Json.mapper().createObjectNode();
                    value.put("enabled", enabled);
                    value.put("updated_at", clock.instant().toString());
                    c.hset(RedisKeys.OVERRIDES, key, value.toString());
                }
                redis.publish(c, RedisKeys.OVERRIDES_CHANGED);
                return null;
            });
        } catch (RuntimeException e) {
            throw new StateFileException(KIND, location(), StateFileException.Reason.UNUSABLE,
                    "cannot be reached (" + redis.reason(e) + ")", null, "nothing was changed", null);
        }
        synchronized (this) {
            Map<String, Boolean> next = new HashMap<>(lastRead);
            if (enabled == null) {
                next.remove(key);
            } else {
                next.put(key, enabled);
            }
            lastRead = Map.copyOf(next);
        }
    }

    @Override
    public Optional<StateFileException> readFailure() {
        return Optional.ofNullable(readFailure);
    }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        subscribers.add(onChange);
        return () -> subscribers.remove(onChange);
    }

    /** Another replica (or this one) changed the overrides, or Redis is back: subscribers read them again. */
    void changed() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                LOG.warn("shared state {}: an override subscriber failed: {}", location(), e.toString());
            }
        }
    }

    @Override
    public String location() {
        return redis.location();
    }

    @Override
    public String toString() {
        return "RedisOverrideStore[" + location() + "]";
    }
}
