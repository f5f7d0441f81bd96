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
 *
 * <p>The local mirror: whenever the overrides are read from Redis (or written to it), they are also written to the
 * state file ({@code LLM_STATE_FILE}) when they differ from what it holds. A process that starts while Redis cannot
 * be reached applies the mirror's overrides ({@link #lastKnown()}), so that a provider disabled in Redis stays
 * disabled; as soon as Redis answers, its overrides apply. A mirror that cannot be written (read-only, full disk) is
 * warned about once and changes nothing else.
 */
final class RedisOverrideStore implements OverrideStore {

    private static final Logger LOG = LoggerFactory.getLogger("dev.llmservice.redis.SharedState");
    private static final String KIND = "shared state";
    private static final String EXPECTED = "{\"enabled\": true} or {\"enabled\": false}";

    private final RedisSharedState redis;
    private final OverrideStore mirror;
    private final Clock clock;
    private final MalformedValues malformed = new MalformedValues();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    /**
     * The overrides as last read, from Redis or (until Redis is read) the mirror; guarded by {@code this} (updated after
     * the read, never over it).
     */
    private Map<String, Boolean> lastRead;
    /** What the mirror was last made to hold ({@code null}: not known, read it first). Guarded by {@code this}. */
    private Map<String, Boolean> mirrored;
    private volatile boolean mirrorWarned;
    private volatile StateFileException readFailure;

    RedisOverrideStore(RedisSharedState redis, OverrideStore mirror, Clock clock) {
        this.redis = redis;
        this.mirror = mirror;
        this.clock = clock;
        this.lastRead = readMirror();
    }

    /** The mirror's overrides; none (with a warning) when it cannot be read. */
    private Map<String, Boolean> readMirror() {
        try {
            return Map.copyOf(mirror.load());
        } catch (StateFileException e) {
            LOG.warn("shared state {}: the local mirror of the overrides cannot be read ({}): until Redis is read, no "
                    + "override is known", redis.location(), e.getMessage());
            return Map.of();
        }
    }

    /**
     * The overrides last read from Redis by this process, else those of the local mirror (the state file): what a
     * process starting while Redis cannot be reached applies.
     */
    @Override
    public synchronized Map<String, Boolean> lastKnown() {
        return lastRead;
    }

    /** Makes the mirror hold {@code overrides}, writing only the providers that differ. Never throws. */
    private void mirror(Map<String, Boolean> overrides) {
        synchronized (this) {
            if (overrides.equals(mirrored)) {
                return;
            }
        }
        try {
            Map<String, Boolean> loaded = null;
            try {
                loaded = mirror.load();
            } catch (StateFileException e) {
                // Damaged (hand-edited): the first write replaces it, keeping a copy as FILE.bak.
            }
            boolean damaged = loaded == null;
            Map<String, Boolean> held = damaged ? Map.of() : loaded;
            Map<String, Boolean> changes = new HashMap<>();
            held.keySet().stream().filter(name -> !overrides.containsKey(name)).forEach(name -> changes.put(name, null));
            overrides.forEach((name, enabled) -> {
                if (!enabled.equals(held.get(name))) {
                    changes.put(name, enabled);
                }
            });
            if (damaged && changes.isEmpty()) {
                changes.putAll(overrides);
            }
            for (Map.Entry<String, Boolean> change : changes.entrySet()) {
                mirror.set(change.getKey(), change.getValue(), damaged);
                damaged = false;
            }
            synchronized (this) {
                mirrored = Map.copyOf(overrides);
            }
            mirrorWarned = false;
        } catch (StateFileException e) {
            if (!mirrorWarned) {
                mirrorWarned = true;
                LOG.warn("shared state {}: the local mirror of the overrides cannot be written ({}); a process starting "
                        + "while Redis cannot be reached would not know them (logged once)", redis.location(),
                        e.getMessage());
            }
        }
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
        mirror(lastRead);
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
        Map<String, Boolean> next;
        synchronized (this) {
            next = new HashMap<>(lastRead);
            if (enabled == null) {
                next.remove(key);
            } else {
                next.put(key, enabled);
            }
            lastRead = Map.copyOf(next);
            next = lastRead;
        }
        mirror(next);
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
