package dev.llmservice.redis;

/**
 * Every key and channel the replicas share, in one place (see the module README for their formats). Pub/sub channels
 * are not per database in Redis, so the channel carries the database number: deployments on two databases of one
 * Redis do not hear each other.
 */
final class RedisKeys {

    /** Hash: provider name to {@code {"enabled": false, "updated_at": "…"}}. */
    static final String OVERRIDES = "llm:overrides";
    /** Hash: provider name to the opening of its circuit ({@link CircuitJson}). */
    static final String CIRCUITS = "llm:circuits";
    /** String, set with NX and an expiry: the one replica probing an opening. */
    static final String PROBE_PREFIX = "llm:circuit-probe:";
    /**
     * Prefix of the rate limits' buckets (Bucket4j's state, bytes), followed by {@code RateLimiter}'s key
     * ({@code openai:requests:60}); each expires once it would be full again and unused.
     */
    static final String RATE_LIMIT_PREFIX = "llm:ratelimit:";
    /**
     * Prefix of a consensus request's lock (string, {@code SET NX PX}: the replica asking the providers for it),
     * followed by the cache key ({@code BTC/USDT 5m 3f…}).
     */
    static final String CONSENSUS_LOCK_PREFIX = "llm:consensus-lock:";
    /** Prefix of a consensus request's result (string, {@code ConsensusJson}, expiring when it is no longer given). */
    static final String CONSENSUS_RESULT_PREFIX = "llm:consensus:";
    /** Message on the channel, followed by the cache key: a consensus result was stored, or its lock dropped. */
    static final String CONSENSUS_CHANGED = "consensus:";
    /** Message on the channel: the overrides changed. */
    static final String OVERRIDES_CHANGED = "overrides";
    /** Message on the channel, followed by the provider's name: its circuit opened or closed. */
    static final String CIRCUIT_CHANGED = "circuit:";

    private RedisKeys() {
    }

    /** The channel change messages go to. */
    static String channel(int database) {
        return "llm:changes:" + database;
    }

    /** Names the key or hash field a malformed value was found at, for warnings: {@code llm:overrides field grok}. */
    static String field(String key, String field) {
        return key + " field " + field;
    }
}
