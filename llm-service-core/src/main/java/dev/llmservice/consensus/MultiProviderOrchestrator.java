package dev.llmservice.consensus;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.consensus.internal.Ballots;
import dev.llmservice.consensus.internal.Ballots.Voter;
import dev.llmservice.consensus.marketdata.InvalidMarketDataException;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.EarlyDecision;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.prompt.ConsensusPrompt;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.LlmProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks every available provider for a trading decision and combines the votes with a {@link ConsensusPolicy}.
 *
 * <pre>{@code
 * try (MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(registry::enabled).build()) {
 *     ConsensusResult result = orchestrator.generateConsensusSignal(marketDataJson, "BTC/USDT", "5m");
 *     System.out.println(ConsensusJson.toJson(result));
 * }
 * }</pre>
 *
 * <h2>Fan-out</h2>
 * The market data is validated first; invalid data throws {@link InvalidMarketDataException} and no provider is
 * called. Then all providers are called in parallel with the same prompt ({@link ConsensusPrompt}). Each call is
 * bounded by its provider's {@link ProviderConfig#timeout()}, counted from the fan-out, and the whole request by
 * the deadline (default {@link #DEFAULT_DEADLINE}), counted from the call of {@code generateConsensusSignal}: a
 * provider without an answer by then has status {@code timeout} and its call is cancelled (interrupted). A vote's
 * latency is counted from the fan-out, the result's from the start of the request.
 *
 * <h2>Early decision</h2>
 * On by default ({@link #DEFAULT_EARLY_DECISION}). After each answer the orchestrator asks
 * {@link ConsensusPolicy#foresee} whether any way the pending providers could still answer (any decision, any
 * confidence, or failing) could change the decision or the status. When none could, it returns at once,
 * cancels the pending calls (status {@code cancelled}), sets {@code early_stopped} and reports the range the
 * confidence could still have ended in. A cancelled call still running after a short grace
 * ({@link #DEFAULT_CANCEL_GRACE}) is interrupted; one whose answer is already coming in finishes. Interrupting
 * that one would gain nothing and aborts its HTTP exchange: the JDK's client, aborting an exchange whose answer has
 * just completed, can close its connection under the next request on it ("header parser received no bytes"). This also stops a request as soon as quorum can no longer be reached
 * and its status is known. The decision and status are always the ones waiting for every provider would give.
 *
 * <h2>Cost</h2>
 * Every vote is priced by the {@link CostCalculator} (default {@link CostCalculator#bundled()}: the bundled price
 * table, no overrides): its tokens at its model's price, or unknown when the model has no price. The result's
 * total is {@link ConsensusResult#costUsd()}.
 *
 * <h2>Determinism</h2>
 * The result depends only on the votes, never on the order they arrive in: votes are listed in the provider
 * source's order and counted in exact decimal arithmetic.
 *
 * <h2>Threads</h2>
 * Each provider call runs on the executor (by default a cached pool of daemon threads owned by this
 * orchestrator and shut down by {@link #close()}; an executor passed to the builder is never shut down here).
 * The calling thread coordinates and waits at most until the deadline; no pool thread ever waits for another.
 * An orchestrator is thread-safe and may serve concurrent requests.
 */
public final class MultiProviderOrchestrator implements AutoCloseable {

    /** Default bound on a whole request. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    /** Early decision is on unless switched off. */
    public static final boolean DEFAULT_EARLY_DECISION = true;
    /** How long an idle thread of the orchestrator's own pool is kept for the next call. */
    static final Duration IDLE_THREAD_KEEP_ALIVE = Duration.ofSeconds(10);

    /** How long a call cancelled by an early decision may still finish before it is interrupted. */
    public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofMillis(200);

    private final ProviderSource providers;
    private final ConsensusPolicy policy;
    private final Duration deadline;
    private final boolean earlyDecision;
    private final Duration cancelGrace;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Ticker ticker;
    private final CostCalculator costs;

    private MultiProviderOrchestrator(Builder b) {
        this.providers = b.providers;
        this.policy = b.policy;
        this.deadline = b.deadline;
        this.earlyDecision = b.earlyDecision;
        this.cancelGrace = b.cancelGrace;
        this.ownsExecutor = b.executor == null;
        // A thread per call in flight, as a cached pool has, but an idle one ends after IDLE_THREAD_KEEP_ALIVE
        // rather than a minute: after a burst (32 clients x 4 providers) each one's stack goes back to the system sooner.
        this.executor = ownsExecutor ? new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS, new SynchronousQueue<>(), daemonThreads()) : b.executor;
        this.ticker = b.ticker;
        this.costs = b.costs;
    }

    /** A builder asking the providers {@code providers} lists at each request. */
    public static Builder builder(ProviderSource providers) {
        return new Builder(providers);
    }

    public ConsensusPolicy policy() {
        return policy;
    }

    public Duration deadline() {
        return deadline;
    }

    public boolean earlyDecision() {
        return earlyDecision;
    }

    public Duration cancelGrace() {
        return cancelGrace;
    }

    /** What the votes are priced with. */
    public CostCalculator costs() {
        return costs;
    }

    /**
     * Parses and validates {@code marketData} (JSON or CSV, see {@link MarketData}), then asks every available
     * provider and returns the consensus.
     *
     * @param pair      the pair, or {@code null} to take it from the JSON; required for CSV
     * @param timeframe the timeframe, or {@code null} to take it from the JSON; required for CSV
     * @throws InvalidMarketDataException listing every problem, before any provider is called
     * @throws CancellationException      when the calling thread is interrupted while waiting (pending calls are
     *                                    cancelled and the interrupt flag is kept)
     */
    public ConsensusResult generateConsensusSignal(String marketData, String pair, String timeframe) {
        long start = ticker.nanoTime();
        MarketData data = MarketDataParser.parse(marketData, pair, timeframe);
        return run(data, start);
    }

    /**
     * Asks every available provider about already validated market data and returns the consensus.
     *
     * @throws CancellationException when the calling thread is interrupted while waiting
     */
    public ConsensusResult generateConsensusSignal(MarketData marketData) {
        Objects.requireNonNull(marketData, "marketData");
        return run(marketData, ticker.nanoTime());
    }

    /** Now on this orchestrator's ticker: the start of a request, for {@link #generateConsensusSignal(MarketData, long)}. */
    public long startOfRequest() {
        return ticker.nanoTime();
    }

    /**
     * As {@link #generateConsensusSignal(MarketData)}, with the deadline counted from {@code started} (a
     * {@link #startOfRequest()}) instead of now: for a caller that did something first on the request's time, such as
     * waiting for an identical request in flight, so that the answer still comes by the request's deadline.
     */
    public ConsensusResult generateConsensusSignal(MarketData marketData, long started) {
        Objects.requireNonNull(marketData, "marketData");
        return run(marketData, started);
    }

    /**
     * The result of a request on which no provider is asked, for a reason found before the fan-out (today's budget
     * is spent): every provider that would have been asked is a {@code skipped} vote saying {@code why}, the
     * decision is HOLD with {@code status}, nothing is spent.
     *
     * @param status a status that is not the rule's outcome, e.g. {@link ConsensusStatus#BUDGET_EXHAUSTED}
     */
    public ConsensusResult notAsked(MarketData data, ConsensusStatus status, String why) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(status, "status");
        long start = ticker.nanoTime();
        List<Vote> votes = new ArrayList<>();
        for (LlmProvider provider : providers.available()) {
            ProviderConfig config = provider.config();
            votes.add(Ballots.skipped(new Voter(provider.name(), config.model(), config.weight(), config.timeout()), why)
                    .pricedBy(costs));
        }
        Tally tally = policy.evaluate(votes);
        ConsensusResult r = ConsensusResult.of(data.pair(), data.timeframe(), data.lastCandleDate(), tally, votes, false,
                ConfidenceRange.point(0), Duration.ofNanos(ticker.nanoTime() - start), policy.version());
        return new ConsensusResult(r.pair(), r.timeframe(), r.lastCandle(), r.validUntil(), r.decision(), status, 0, 0,
                r.scores(), r.margin(), r.quorum(), r.votes(), r.dissent(), false, r.confidenceRange(), r.latency(),
                r.policyVersion(), null, null);
    }

    /**
     * What a request about {@code data} would depend on, as 64 hex digits (SHA-256): the prompt it would send (pair,
     * timeframe, the candles and indicators shown, the prompt's version), every provider it would ask now with each
     * setting that can change its vote (name, type, model, weight, max tokens, temperature, timeout, retries, base
     * URL), the policy with its version and thresholds, the deadline and early decision. Requests with the same
     * identity and the same candles are the same question: {@code dev.llmservice.operations.LocalConsensus} lets them
     * share one fan-out. Prices are not part of it (they change only with the process's settings).
     */
    public String requestIdentity(MarketData data) {
        GenerationRequest request = ConsensusPrompt.request(data);
        StringBuilder identity = new StringBuilder(4096);
        identity.append("prompt ").append(ConsensusPrompt.VERSION).append('\n')
                .append(request.systemPrompt()).append('\n').append(request.prompt()).append('\n');
        for (LlmProvider provider : providers.available()) {
            ProviderConfig c = provider.config();
            identity.append("provider ").append(provider.name()).append(' ').append(c.type()).append(' ')
                    .append(c.model()).append(' ').append(c.weight()).append(' ').append(c.maxTokens()).append(' ')
                    .append(c.temperature()).append(' ').append(c.timeout()).append(' ').append(c.maxRetries())
                    .append(' ').append(c.baseUrl()).append('\n');
        }
        identity.append("policy ").append(policy.version()).append(' ').append(policy).append('\n')
                .append("deadline ").append(deadline).append(" early ").append(earlyDecision).append('\n');
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private ConsensusResult run(MarketData data, long start) {
        GenerationRequest request = ConsensusPrompt.request(data);
        List<LlmProvider> asked = List.copyOf(providers.available());
        int n = asked.size();
        Voter[] voters = new Voter[n];
        Vote[] votes = new Vote[n];
        long[] due = new long[n];
        boolean[] dueIsDeadline = new boolean[n];
        Future<?>[] calls = new Future<?>[n];
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        // The deadline counts from the start of the request; each provider's timeout and latency from the fan-out.
        long deadlineAt = start + deadline.toNanos();
        long fanOut = ticker.nanoTime();
        // Providers get the same deadline as an instant, so their retries never wait past it.
        Instant deadlineInstant = Instant.now().plusNanos(Math.max(0, deadlineAt - fanOut));

        for (int i = 0; i < n; i++) {
            LlmProvider provider = asked.get(i);
            ProviderConfig config = provider.config();
            voters[i] = new Voter(provider.name(), config.model(), config.weight(), config.timeout());
            long own = fanOut + Math.min(config.timeout().toNanos(), deadline.toNanos());
            dueIsDeadline[i] = own - deadlineAt >= 0;
            due[i] = dueIsDeadline[i] ? deadlineAt : own;
        }
        for (int i = 0; i < n; i++) {
            int index = i;
            LlmProvider provider = asked.get(i);
            try {
                calls[i] = executor.submit(() -> call(index, provider, voters[index], request, deadlineInstant,
                        fanOut, arrivals));
            } catch (RejectedExecutionException e) {
                votes[i] = Ballots.skipped(voters[i], "not called: the executor refused the task (" + e.getMessage() + ")");
            }
        }

        Optional<EarlyDecision> early = Optional.empty();
        try {
            while (pendingCount(votes) > 0) {
                if (earlyDecision) {
                    early = policy.foresee(settled(votes), pendingWeights(votes, voters));
                    if (early.isPresent()) {
                        break;
                    }
                }
                long now = ticker.nanoTime();
                long next = Long.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    if (votes[i] == null) {
                        next = Math.min(next, due[i]);
                    }
                }
                if (now - next >= 0) {
                    for (int i = 0; i < n; i++) {
                        if (votes[i] == null && now - due[i] >= 0) {
                            votes[i] = Ballots.timedOut(voters[i], Duration.ofNanos(due[i] - fanOut),
                                    dueIsDeadline[i] ? deadline : voters[i].timeout(), dueIsDeadline[i]);
                            cancel(calls[i]);
                        }
                    }
                    continue;
                }
                Arrival arrival = arrivals.poll(next - now, TimeUnit.NANOSECONDS);
                while (arrival != null) {
                    if (votes[arrival.index] == null) {
                        votes[arrival.index] = arrival.vote;
                    }
                    arrival = arrivals.poll();
                }
            }
        } catch (InterruptedException e) {
            for (Future<?> call : calls) {
                cancel(call);
            }
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the providers");
        }

        Duration now = Duration.ofNanos(ticker.nanoTime() - fanOut);
        for (int i = 0; i < n; i++) {
            if (votes[i] == null) {
                votes[i] = Ballots.cancelled(voters[i], now);
                cancelAfterGrace(calls[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            votes[i] = votes[i].pricedBy(costs);
        }
        List<Vote> all = Arrays.asList(votes);
        Tally tally = policy.evaluate(all);
        ConfidenceRange range = early.map(EarlyDecision::confidenceRange).orElse(ConfidenceRange.point(tally.confidence()));
        assert early.isEmpty() || early.get().status() == tally.status() && early.get().decision() == tally.decision()
                : "early decision " + early.get() + " differs from the tally " + tally;
        Duration latency = Duration.ofNanos(ticker.nanoTime() - start);
        return ConsensusResult.of(data.pair(), data.timeframe(), data.lastCandleDate(), tally, all, early.isPresent(),
                range, latency, policy.version());
    }

    /** One provider call, on a pool thread: always reports back, never waits for anything but the provider. */
    private void call(int index, LlmProvider provider, Voter voter, GenerationRequest request, Instant deadlineAt,
                      long fanOut, BlockingQueue<Arrival> arrivals) {
        Vote vote;
        try {
            GenerationResult result = provider.generate(request, deadlineAt);
            vote = Ballots.answered(voter, result, Duration.ofNanos(ticker.nanoTime() - fanOut));
        } catch (Throwable t) {
            vote = Ballots.threw(voter, t, Duration.ofNanos(ticker.nanoTime() - fanOut));
            arrivals.add(new Arrival(index, vote));
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return;
        }
        arrivals.add(new Arrival(index, vote));
    }

    private record Arrival(int index, Vote vote) {
    }

    private static int pendingCount(Vote[] votes) {
        int count = 0;
        for (Vote v : votes) {
            if (v == null) {
                count++;
            }
        }
        return count;
    }

    private static List<Vote> settled(Vote[] votes) {
        List<Vote> settled = new ArrayList<>(votes.length);
        for (Vote v : votes) {
            if (v != null) {
                settled.add(v);
            }
        }
        return settled;
    }

    private static List<Double> pendingWeights(Vote[] votes, Voter[] voters) {
        List<Double> weights = new ArrayList<>(votes.length);
        for (int i = 0; i < votes.length; i++) {
            if (votes[i] == null) {
                weights.add(voters[i].weight());
            }
        }
        return weights;
    }

    private static void cancel(Future<?> call) {
        if (call != null) {
            call.cancel(true);
        }
    }

    /** Interrupts {@code call} if it is still running {@link #cancelGrace} from now. */
    private void cancelAfterGrace(Future<?> call) {
        if (call == null || call.isDone()) {
            return;
        }
        if (cancelGrace.isZero()) {
            cancel(call);
            return;
        }
        try {
            GraceTimer.INSTANCE.schedule(() -> cancel(call), cancelGrace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            cancel(call);
        }
    }

    /** One daemon thread for every orchestrator, woken once per cancelled call; created on first use. */
    private static final class GraceTimer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consensus-cancel");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Shuts down the executor this orchestrator created (interrupting calls still running); an executor passed
     * to the builder is left alone.
     */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "consensus-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures an orchestrator; every setting has a named default. */
    public static final class Builder {
        private final ProviderSource providers;
        private ConsensusPolicy policy = ConsensusPolicy.DEFAULT;
        private Duration deadline = DEFAULT_DEADLINE;
        private boolean earlyDecision = DEFAULT_EARLY_DECISION;
        private Duration cancelGrace = DEFAULT_CANCEL_GRACE;
        private ExecutorService executor;
        private Ticker ticker = Ticker.system();
        private CostCalculator costs = CostCalculator.bundled();

        private Builder(ProviderSource providers) {
            this.providers = Objects.requireNonNull(providers, "providers");
        }

        /** The rule and its thresholds; default {@link ConsensusPolicy#DEFAULT}. */
        public Builder policy(ConsensusPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The bound on a whole request, greater than 0; default {@link #DEFAULT_DEADLINE}.
         *
         * @throws IllegalArgumentException when zero or negative
         */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isZero() || deadline.isNegative()) {
                throw new IllegalArgumentException("deadline must be greater than 0, but was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /** Whether to return as soon as the outcome is certain; default {@value MultiProviderOrchestrator#DEFAULT_EARLY_DECISION}. */
        public Builder earlyDecision(boolean earlyDecision) {
            this.earlyDecision = earlyDecision;
            return this;
        }

        /**
         * How long a call cancelled by an early decision may still finish before it is interrupted, at least 0 (0:
         * at once); default {@link #DEFAULT_CANCEL_GRACE}. Its vote is {@code cancelled} either way.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder cancelGrace(Duration cancelGrace) {
            Objects.requireNonNull(cancelGrace, "cancelGrace");
            if (cancelGrace.isNegative()) {
                throw new IllegalArgumentException("cancelGrace must be 0 or more, but was " + cancelGrace);
            }
            this.cancelGrace = cancelGrace;
            return this;
        }

        /**
         * The executor the provider calls run on. It needs a free thread per provider for the calls to be truly
         * parallel; it is not shut down by {@link MultiProviderOrchestrator#close()}. Default: a cached pool of
         * daemon threads owned by the orchestrator.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The clock; default {@link Ticker#system()}. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * What each vote is priced with; default {@link CostCalculator#bundled()}. Pass
         * {@link CostCalculator#fromEnvironment} for the {@code P_INPUT_PRICE} / {@code P_OUTPUT_PRICE} overrides.
         */
        public Builder costs(CostCalculator costs) {
            this.costs = Objects.requireNonNull(costs, "costs");
            return this;
        }

        public MultiProviderOrchestrator build() {
            return new MultiProviderOrchestrator(this);
        }
    }
}
