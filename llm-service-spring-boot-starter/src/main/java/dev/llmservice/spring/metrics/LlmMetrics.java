package dev.llmservice.spring.metrics;

/**
 * The meters this starter records, in one place. In Prometheus form, dots become underscores and timers
 * gain {@code _seconds_count}, {@code _seconds_sum} and {@code _seconds_max}
 * (e.g. {@code llm_provider_requests_seconds_count{provider="openai-mini",type="openai",model="gpt-4.1-mini",
 * outcome="success"}}). Every provider meter carries the provider's name ({@code provider}, as in
 * {@code LLM_PROVIDERS}) and its type ({@code type}), so that two models of one vendor are told apart and vendors
 * can still be summed.
 */
public final class LlmMetrics {

    /** Timer of {@code generate} calls: count and latency. Tags: provider, type, model, outcome. */
    public static final String PROVIDER_REQUESTS = "llm.provider.requests";
    /** Counter of tokens reported by vendors. Tags: provider, type, model, token_type ({@code input}/{@code output}). */
    public static final String PROVIDER_TOKENS = "llm.provider.tokens";
    /** Timer of health checks. Tags: provider, type, outcome ({@code healthy} or the failure reason). */
    public static final String PROVIDER_HEALTH_CHECKS = "llm.provider.health.checks";
    /** Gauge of providers callers may use now. */
    public static final String PROVIDERS_AVAILABLE = "llm.providers.available";
    /** Timer of consensus requests. Tags: decision ({@code buy}/{@code sell}/{@code hold}/{@code none}), status. */
    public static final String CONSENSUS_REQUESTS = "llm.consensus.requests";
    /** Counter of what provider calls cost, USD, known prices only ({@code llm_cost_usd_total}). Tags: provider, model. */
    public static final String COST = "llm.cost.usd";
    /** Counter of consensus results the journal lost ({@code llm_journal_dropped_total}). */
    public static final String JOURNAL_DROPPED = "llm.journal.dropped";

    public static final String TAG_PROVIDER = "provider";
    public static final String TAG_MODEL = "model";
    public static final String TAG_OUTCOME = "outcome";
    /** The provider's type, e.g. {@code openai} for the providers {@code openai} and {@code openai-mini}. */
    public static final String TAG_TYPE = "type";
    /** Which tokens a token count is of: {@code input} or {@code output}. */
    public static final String TAG_TOKEN_TYPE = "token_type";
    public static final String TAG_DECISION = "decision";
    public static final String TAG_STATUS = "status";

    /** Outcome of a call that returned an answer; failures use the {@code FailureKind} code. */
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_HEALTHY = "healthy";

    private LlmMetrics() {
    }
}
