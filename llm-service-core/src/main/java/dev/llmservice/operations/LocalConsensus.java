package dev.llmservice.operations;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.consensus.ConsensusCacheTtl;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.report.ConsensusTable;
import dev.llmservice.cost.Prices;
import dev.llmservice.journal.CandleFingerprint;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.HistoryPage;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalIds;
import dev.llmservice.scorecard.Scorecard;
import dev.llmservice.scorecard.Scorecards;
import dev.llmservice.status.StatusSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The consensus operations on this process's providers: the library's entry point for a consensus that is
 * recorded, priced and kept within the daily budget, as the CLI and the server run it.
 *
 * <pre>{@code
 * ConsensusSettings settings = ConsensusSettings.load(env, providerNames);   // LLM_JOURNAL*, prices, budget, cache TTL
 * try (DecisionJournal journal = DecisionJournals.open(settings.journal(), Clock.systemUTC());
 *      MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(registry::enabled)
 *              .costs(settings.costs()).build()) {
 *     ConsensusOperations consensus = new LocalConsensus(orchestrator, journal, settings,
 *             ConsensusCache.inProcess(clock), clock);
 *     ConsensusResult result = consensus.consensus(marketData);       // result.id(): the journal's id
 * }
 * }</pre>
 *
 * <h2>Budget</h2>
 * With a daily budget, each consensus first reads today's spend (UTC) from the journal; once it has reached the
 * budget no provider is asked and the result has status {@code budget_exhausted}. Entries still queued for writing
 * (well under a second's worth) are not counted yet, so concurrent requests may overshoot by that much. When the
 * journal cannot be read, the spend is the last one read today plus what this process has spent since: the budget
 * still holds for this process's own spending.
 *
 * <h2>One spend per candle</h2>
 * Identical requests share one fan-out through the {@link ConsensusCache}: the same pair, timeframe and candles
 * ({@link CandleFingerprint}) asked of the same providers with the same settings, prompt and policy
 * ({@link MultiProviderOrchestrator#requestIdentity}). A request arriving while an identical one is in flight waits
 * for it; one arriving later, within {@code LLM_CONSENSUS_CACHE_TTL} ({@link ConsensusCacheTtl}; default until the
 * next candle of the timeframe opens), gets the kept result. Either way it gets that result with {@code cached} set
 * and the same {@code id}: nothing is asked, spent or recorded for it (the journal has the result once). Results that
 * spent nothing useful are shared only with requests already waiting, not kept: {@code budget_exhausted} and
 * {@code all_failed} (a later request may well get answers). With {@code LLM_CONSENSUS_CACHE_TTL=0} nothing is
 * shared.
 *
 * <p>Thread-safe; neither the orchestrator nor the journal is closed here (their owner closes them).
 */
public final class LocalConsensus implements ConsensusOperations {

    private static final Logger LOG = LoggerFactory.getLogger(LocalConsensus.class);

    /** At most one warning about an unreadable spend per interval: a journal that is down must not flood the log. */
    static final java.time.Duration WARN_INTERVAL = java.time.Duration.ofMinutes(1);

    /** How many entries the scorecard reads per query. */
    static final int SCORECARD_PAGE = HistoryQuery.MAX_LIMIT;

    private final MultiProviderOrchestrator orchestrator;
    private final DecisionJournal journal;
    private final BigDecimal dailyBudget;
    private final ConsensusCache cache;
    private final ConsensusCacheTtl cacheTtl;
    private final Clock clock;
    private final SpendTally spent = new SpendTally();
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastWarning =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Without the consensus cache: every request asks the providers (as with {@code LLM_CONSENSUS_CACHE_TTL=0}).
     *
     * @param orchestrator asks the providers and prices the votes
     * @param journal      records every result ({@link DecisionJournal#off()}: none)
     * @param dailyBudget  USD per UTC day, or {@code null} for none; needs a journal that is not off
     * @param clock        the results' time and id, and the day the budget counts
     */
    public LocalConsensus(MultiProviderOrchestrator orchestrator, DecisionJournal journal, BigDecimal dailyBudget,
                          Clock clock) {
        this(orchestrator, journal, dailyBudget, ConsensusCache.none(), ConsensusCacheTtl.OFF, clock);
    }

    /**
     * The consensus operations as the CLI and the server run them: the daily budget and the cache TTL from
     * {@code settings} (whose prices the orchestrator should have been given), identical requests sharing one fan-out
     * through {@code cache}.
     *
     * @param cache {@link ConsensusCache#inProcess} for this process alone, or one on a store shared by processes
     */
    public LocalConsensus(MultiProviderOrchestrator orchestrator, DecisionJournal journal, ConsensusSettings settings,
                          ConsensusCache cache, Clock clock) {
        this(orchestrator, journal, settings.dailyBudget(), cache, settings.cacheTtl(), clock);
    }

    private LocalConsensus(MultiProviderOrchestrator orchestrator, DecisionJournal journal, BigDecimal dailyBudget,
                           ConsensusCache cache, ConsensusCacheTtl cacheTtl, Clock clock) {
        this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.dailyBudget = dailyBudget;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (dailyBudget != null && dailyBudget.signum() <= 0) {
            throw new IllegalArgumentException("dailyBudget must be greater than 0, but was " + dailyBudget);
        }
    }

    public DecisionJournal journal() {
        return journal;
    }

    public MultiProviderOrchestrator orchestrator() {
        return orchestrator;
    }

    /** How long identical requests share a result ({@code LLM_CONSENSUS_CACHE_TTL}). */
    public ConsensusCacheTtl cacheTtl() {
        return cacheTtl;
    }

    @Override
    public ConsensusResult consensus(MarketData marketData) {
        // The deadline runs from here: time spent waiting for an identical request in flight (in this process or,
        // with LLM_STATE_URL, another replica) is part of it, so a request is answered by its deadline either way.
        long started = orchestrator.startOfRequest();
        if (cacheTtl.isOff()) {
            return ask(marketData, started);
        }
        ConsensusCache.Outcome outcome = cache.getOrCompute(key(marketData),
                clock.instant().plus(orchestrator.deadline()), () -> {
                    ConsensusResult result = ask(marketData, started);
                    return new ConsensusCache.Computed(result, keepUntil(result));
                });
        return outcome.shared() ? outcome.result().asCached() : outcome.result();
    }

    /**
     * The cache key of a request about {@code data}: {@code {pair} {timeframe} {SHA-256 of the candles' fingerprint
     * and the orchestrator's request identity}}.
     */
    String key(MarketData data) {
        String identity = CandleFingerprint.of(data.candles()) + " " + orchestrator.requestIdentity(data);
        try {
            return data.pair() + " " + data.timeframe().code() + " " + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Until when {@code result} is given to later identical requests; now for one not worth keeping. */
    private Instant keepUntil(ConsensusResult result) {
        Instant now = clock.instant();
        if (result.status() == ConsensusStatus.BUDGET_EXHAUSTED || result.status() == ConsensusStatus.ALL_FAILED) {
            return now;
        }
        return cacheTtl.keepUntil(now, result.lastCandle(), result.timeframe());
    }

    /** Asks the providers (or, past the budget, none), records and counts the result. */
    private ConsensusResult ask(MarketData marketData, long started) {
        ConsensusResult result;
        BigDecimal today = dailyBudget == null ? null : spentToday();
        if (today != null && today.compareTo(dailyBudget) >= 0) {
            result = orchestrator.notAsked(marketData, ConsensusStatus.BUDGET_EXHAUSTED, "not called: today's spend "
                    + "(UTC) of USD " + ConsensusTable.usd(today) + " has reached " + Prices.DAILY_BUDGET_VARIABLE + "="
                    + dailyBudget.toPlainString());
        } else {
            result = orchestrator.generateConsensusSignal(marketData, started);
        }
        if (journal != DecisionJournal.off()) {
            Instant at = clock.instant();
            String id = JournalIds.next(clock);
            result = result.recordedAs(id, at);
            journal.record(JournalEntry.of(id, at, result, marketData, orchestrator.costs()));
        }
        spent.add(clock.instant(), result);
        return result;
    }

    /** @throws InvalidQueryException when the query's cursor is not one a history page returned */
    @Override
    public HistoryReport history(HistoryQuery query) {
        HistoryPage page;
        try {
            page = journal.history(query);
        } catch (IllegalArgumentException e) {
            // The journal's only complaint about a query: a cursor it did not write.
            throw new InvalidQueryException(List.of(new ConfigProblem("cursor", query.cursor(),
                    "a next_cursor this journal returned")));
        }
        return new HistoryReport(page.entries().stream().map(JournalEntry::toResult).toList(), page.nextCursor());
    }

    @Override
    public ConsensusResult decision(String id) {
        if (id == null || id.isBlank() || id.length() > JournalIds.MAX_LENGTH) {
            throw new UnknownDecisionException(String.valueOf(id), journal.location());
        }
        return journal.get(id).map(JournalEntry::toResult)
                .orElseThrow(() -> new UnknownDecisionException(id, journal.location()));
    }

    /**
     * Scores the entries of the candles' pair and timeframe whose newest candle is one of them or later: an earlier
     * one's horizon candle cannot be among them, so it is left out rather than counted as pending.
     */
    @Override
    public Scorecard scorecard(MarketData candles, int horizon, double minMove) {
        Instant first = candles.candles().get(0).date();
        List<JournalEntry> entries = new ArrayList<>();
        // An entry is recorded at most one timeframe before its newest candle's date (market data may run that far
        // ahead of the clock), so reading from there on misses none.
        Instant since = first.minus(candles.timeframe().duration());
        journal.forEach(new HistoryQuery(candles.pair(), since, SCORECARD_PAGE, null), e -> {
            if (e.timeframe() == candles.timeframe() && !e.lastCandleAt().isBefore(first)) {
                entries.add(e);
            }
        });
        List<Candle> all = candles.candles();
        return Scorecards.compute(candles.pair(), candles.timeframe(), entries, all, horizon, minMove);
    }

    /**
     * Today's spend and the budget for the status. The spend is read from the journal only when there is a budget
     * or {@code always}: the CLI's status does not open a journal just to show it.
     */
    public StatusSummary.Spend spend() {
        if (journal == DecisionJournal.off()) {
            return new StatusSummary.Spend(null, dailyBudget);
        }
        return new StatusSummary.Spend(spentToday(), dailyBudget);
    }

    /** The journal's spend for today, or when it cannot be read, the best this process knows (see the class). */
    private BigDecimal spentToday() {
        Instant now = clock.instant();
        try {
            BigDecimal recorded = journal.spendToday(clock);
            spent.read(now, recorded);
            return recorded;
        } catch (JournalException e) {
            BigDecimal estimate = spent.estimate(now);
            Instant last = lastWarning.get();
            if (last != null && now.isBefore(last.plus(WARN_INTERVAL)) || !lastWarning.compareAndSet(last, now)) {
                return estimate;
            }
            LOG.warn("cannot read today's spend from the journal ({}); counting USD {} (the last read plus this "
                    + "process's spending since); said again at most once a minute", e.getMessage(),
                    ConsensusTable.usd(estimate));
            return estimate;
        }
    }

    /** The last spend read from the journal today and what this process has spent since. */
    private static final class SpendTally {
        private LocalDate day;
        private BigDecimal lastRead = BigDecimal.ZERO;
        private BigDecimal since = BigDecimal.ZERO;

        synchronized void read(Instant now, BigDecimal recorded) {
            roll(now);
            lastRead = recorded;
            since = BigDecimal.ZERO;
        }

        synchronized void add(Instant now, ConsensusResult result) {
            roll(now);
            result.votes().forEach(v -> {
                if (v.cost() != null && v.cost().isKnown()) {
                    since = since.add(v.cost().usd());
                }
            });
        }

        synchronized BigDecimal estimate(Instant now) {
            roll(now);
            return lastRead.add(since);
        }

        private void roll(Instant now) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (!today.equals(day)) {
                day = today;
                lastRead = BigDecimal.ZERO;
                since = BigDecimal.ZERO;
            }
        }
    }
}
