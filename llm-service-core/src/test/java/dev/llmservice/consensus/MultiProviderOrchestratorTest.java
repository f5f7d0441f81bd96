package dev.llmservice.consensus;

import dev.llmservice.testing.TestMarketData;
import dev.llmservice.consensus.marketdata.InvalidMarketDataException;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.policy.Scores;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.testing.FakeProvider;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class MultiProviderOrchestratorTest {

    private static final String MARKET_DATA = TestMarketData.json(60);
    /** Parsed once, so that timing tests do not pay for loading the JSON parser. */
    private static final MarketData DATA = MarketDataParser.parse(MARKET_DATA, null, null);
    private final List<MultiProviderOrchestrator> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MultiProviderOrchestrator::close);
    }

    private MultiProviderOrchestrator.Builder over(LlmProvider... providers) {
        List<LlmProvider> list = List.of(providers);
        return MultiProviderOrchestrator.builder(() -> list);
    }

    private MultiProviderOrchestrator open(MultiProviderOrchestrator.Builder builder) {
        MultiProviderOrchestrator o = builder.build();
        opened.add(o);
        return o;
    }

    private ConsensusResult run(MultiProviderOrchestrator.Builder builder) {
        return open(builder).generateConsensusSignal(DATA);
    }

    private static Vote vote(ConsensusResult r, String provider) {
        return r.votes().stream().filter(v -> v.provider().equals(provider)).findFirst().orElseThrow();
    }

    private static boolean wasInterrupted(FakeProvider p) throws InterruptedException {
        return p.interrupted().await(5, TimeUnit.SECONDS);
    }

    // --- the providers: in-process fakes answering as vendors do (a dated model name, ~900 tokens in) ------------

    private static FakeProvider scripted(String name, double weight, FakeProviderType.Generation script) {
        return scripted(name, weight, Duration.ofSeconds(30), script);
    }

    private static FakeProvider scripted(String name, double weight, Duration timeout,
                                         FakeProviderType.Generation script) {
        return FakeProvider.standalone(FakeProviderType.named(name).generating(script).reportingModelVersion("-2025")
                .usualAnswer("", new TokenUsage(900, 40), Duration.ofMillis(5)), weight, timeout);
    }

    /** Answers at once with this text. */
    private static FakeProvider replying(String name, double weight, String text) {
        return scripted(name, weight, (self, r) -> self.reply(text));
    }

    /** Answers at once with a well-formed vote. */
    private static FakeProvider voting(String name, double weight, String decision, double confidence) {
        return replying(name, weight, vote(decision, confidence));
    }

    /** Throws at once. */
    private static FakeProvider throwing(String name, double weight, RuntimeException error) {
        return scripted(name, weight, (self, r) -> {
            throw error;
        });
    }

    /** Blocks until its call is cancelled (interrupted). */
    private static FakeProvider hanging(String name, double weight) {
        return hanging(name, weight, Duration.ofSeconds(30));
    }

    private static FakeProvider hanging(String name, double weight, Duration timeout) {
        return scripted(name, weight, timeout, (self, r) -> {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable");
        });
    }

    /** Waits for {@code gate}, then votes. */
    private static FakeProvider votingAfter(String name, double weight, CountDownLatch gate, String decision,
                                            double confidence) {
        return scripted(name, weight, (self, r) -> {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("gate never opened for " + name);
            }
            return self.reply(vote(decision, confidence));
        });
    }

    private static String vote(String decision, double confidence) {
        return String.format(Locale.ROOT, "{\"decision\": \"%s\", \"confidence\": %s, \"reasoning\": \"%s because of "
                + "the data\"}", decision, confidence, decision.toLowerCase(Locale.ROOT));
    }

    private static ProviderException failure(String name, FailureKind kind, String message) {
        return new ProviderException(name, kind, message);
    }

    @Test
    void workedExampleThroughTheOrchestrator() {
        FakeProvider a = voting("a", 1, "BUY", 0.8);
        FakeProvider b = voting("b", 1, "buy", 0.7);
        FakeProvider c = replying("c", 1, "```json\n{\"decision\": \"SELL\", \"confidence\": \"60%\", \"reasoning\": \"x\"}\n```");
        FakeProvider d = voting("d", 1, "HOLD", 0.5);

        ConsensusResult r = run(over(a, b, c, d).earlyDecision(false));

        assertThat(r.decision()).isEqualTo(Decision.BUY);
        assertThat(r.status()).isEqualTo(ConsensusStatus.DECIDED);
        assertThat(r.confidence()).isEqualTo(0.375);
        assertThat(r.agreement()).isEqualTo(0.375);
        assertThat(r.scores()).isEqualTo(new Scores(1.5, 0.6, 0.5));
        assertThat(r.margin()).isEqualTo(0.9);
        assertThat(r.quorum()).isEqualTo(new Quorum(4, 2, 4, 2, 4, true));
        assertThat(r.votes()).extracting(Vote::provider).containsExactly("a", "b", "c", "d");
        assertThat(r.votes()).allMatch(Vote::isOk);
        assertThat(r.dissent()).extracting(Vote::provider).containsExactly("c", "d");
        assertThat(vote(r, "a").model()).isEqualTo("model-a-2025");
        assertThat(vote(r, "a").tokens()).isEqualTo(new TokenUsage(900, 40));
        assertThat(vote(r, "a").reasoning()).isEqualTo("buy because of the data");
        assertThat(r.earlyStopped()).isFalse();
        assertThat(r.confidenceRange()).isEqualTo(ConfidenceRange.point(0.375));
        assertThat(r.pair()).isEqualTo("BTC/USDT");
        assertThat(r.lastCandle()).isEqualTo(TestMarketData.START.plusSeconds(59 * 300));
        assertThat(r.validUntil()).isEqualTo(TestMarketData.START.plusSeconds(60 * 300));
        assertThat(r.policyVersion()).isEqualTo("1");
        assertThat(r.freqtradeSignal()).isEqualTo(FreqtradeSignal.ENTER_LONG);
        for (FakeProvider p : List.of(a, b, c, d)) {
            assertThat(p.generations()).isEqualTo(1);
            assertThat(p.lastRequest().jsonResponse()).isTrue();
            assertThat(p.lastRequest().prompt()).startsWith("Pair: BTC/USDT. Timeframe: 5m.");
        }
    }

    @Test
    void failuresNeverVoteButStayInTheDenominator() {
        ConsensusResult r = run(over(
                voting("a", 1, "BUY", 0.9),
                voting("b", 1, "BUY", 0.8),
                voting("c", 1, "BUY", 0.9),
                voting("d", 1, "BUY", 0.7),
                throwing("rate", 0.5, failure("rate", FailureKind.RATE_LIMITED, "429 rate_limit_exceeded")),
                replying("garbage", 0.5, "Sure! The market looks bullish to me."),
                throwing("refuses", 0.5, failure("refuses", FailureKind.REFUSED, "I'm very sorry, but I can't assist with that.")),
                scripted("filtered", 0.5, (self, req) -> self.reply("", "content_filter")),
                throwing("slow", 0.5, failure("slow", FailureKind.TIMEOUT, "read timed out after 30 s")),
                throwing("buggy", 0.5, new IllegalStateException("boom"))).earlyDecision(false));

        assertThat(r.votes()).extracting(Vote::status).containsExactly(VoteStatus.OK, VoteStatus.OK, VoteStatus.OK,
                VoteStatus.OK, VoteStatus.ERROR, VoteStatus.UNPARSEABLE, VoteStatus.REFUSED, VoteStatus.REFUSED,
                VoteStatus.TIMEOUT, VoteStatus.ERROR);
        assertThat(r.votes().subList(4, 10)).allSatisfy(v -> {
            assertThat(v.decision()).isNull();
            assertThat(v.confidence()).isNull();
        });
        assertThat(r.votes()).extracting(Vote::failure).containsExactly(null, null, null, null,
                FailureKind.RATE_LIMITED, FailureKind.BAD_RESPONSE, FailureKind.REFUSED, FailureKind.REFUSED,
                FailureKind.TIMEOUT, FailureKind.OTHER);
        assertThat(vote(r, "rate").error()).isEqualTo("429 rate_limit_exceeded");
        assertThat(vote(r, "garbage").error()).isEqualTo(
                "no JSON object with a decision in the reply: 'Sure! The market looks bullish to me.'");
        assertThat(vote(r, "refuses").error()).isEqualTo("I'm very sorry, but I can't assist with that.");
        assertThat(vote(r, "buggy").error()).isEqualTo("IllegalStateException: boom");
        // W = 4 + 6 * 0.5 = 7; R = 4; S_BUY = 3.3.
        assertThat(r.quorum()).isEqualTo(new Quorum(7, 3.5, 4, 2, 4, true));
        assertThat(r.scores()).isEqualTo(new Scores(3.3, 0, 0));
        assertThat(r.decision()).isEqualTo(Decision.BUY);
        assertThat(r.confidence()).isEqualTo(3.3 / 7);
    }


    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "AUTHENTICATION, ERROR", "RATE_LIMITED, ERROR", "UNAVAILABLE, ERROR", "INVALID_REQUEST, ERROR",
            "OTHER, ERROR", "TIMEOUT, TIMEOUT", "BAD_RESPONSE, UNPARSEABLE", "REFUSED, REFUSED", "CIRCUIT_OPEN, SKIPPED"})
    void eachFailureKindHasItsStatus(FailureKind kind, VoteStatus status) {
        ConsensusResult r = run(over(voting("a", 1, "SELL", 1), voting("b", 1, "SELL", 1),
                throwing("x", 1, failure("x", kind, "it failed"))).earlyDecision(false));
        Vote x = vote(r, "x");
        assertThat(x.status()).isEqualTo(status);
        assertThat(x.failure()).isEqualTo(kind);
        assertThat(x.error()).isEqualTo("it failed");
        assertThat(r.decision()).isEqualTo(Decision.SELL);
        assertThat(r.confidence()).isEqualTo(2.0 / 3);
    }

    @Test
    void earlyDecisionReturnsWithoutTheSlowProviderAndCancelsIt() throws InterruptedException {
        FakeProvider slow = hanging("slow", 1);
        long started = System.nanoTime();

        // The three answer once the slow call is under way, so that it is running when cancelled.
        ConsensusResult r = run(over(votingAfter("a", 1, slow.called(), "BUY", 0.9),
                votingAfter("b", 1, slow.called(), "BUY", 0.9), votingAfter("c", 1, slow.called(), "BUY", 0.9), slow));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.earlyStopped()).isTrue();
        assertThat(r.decision()).isEqualTo(Decision.BUY);
        assertThat(r.status()).isEqualTo(ConsensusStatus.DECIDED);
        assertThat(r.confidence()).isEqualTo(0.675);
        assertThat(r.confidenceRange()).isEqualTo(new ConfidenceRange(0.675, 0.925));
        Vote cancelled = vote(r, "slow");
        assertThat(cancelled.status()).isEqualTo(VoteStatus.CANCELLED);
        assertThat(cancelled.error()).isEqualTo("cancelled: the decision was already certain");
        assertThat(wasInterrupted(slow)).as("the slow call was interrupted").isTrue();
    }

    @Test
    void aCancelledCallWhoseAnswerComesWithinTheGraceFinishesUninterrupted() throws InterruptedException {
        // Its answer is on the way: interrupting it would only abort its HTTP exchange (see the class comment).
        CountDownLatch othersAnswered = new CountDownLatch(3);
        CountDownLatch finished = new CountDownLatch(1);
        FakeProviderType.Generation buy = (self, req) -> {
            othersAnswered.countDown();
            return self.reply(vote("BUY", 0.9));
        };
        FakeProvider late = scripted("late", 1, (self, req) -> {
            othersAnswered.await();
            Thread.sleep(30);
            finished.countDown();
            return self.reply(vote("SELL", 0.2));
        });

        ConsensusResult r = run(over(scripted("a", 1, buy), scripted("b", 1, buy), scripted("c", 1, buy), late));

        assertThat(r.earlyStopped()).isTrue();
        assertThat(vote(r, "late").status()).isEqualTo(VoteStatus.CANCELLED);
        assertThat(finished.await(5, TimeUnit.SECONDS)).as("the late call finished").isTrue();
        assertThat(late.interrupted().getCount()).as("the late call was not interrupted").isEqualTo(1);
    }

    @Test
    void earlyDecisionSwitchedOffWaitsForEveryProvider() {
        CountDownLatch othersCalled = new CountDownLatch(3);
        FakeProviderType.Generation counted = (self, req) -> {
            othersCalled.countDown();
            return self.reply(vote("BUY", 0.9));
        };
        ConsensusResult r = run(over(scripted("a", 1, counted), scripted("b", 1, counted), scripted("c", 1, counted),
                votingAfter("last", 1, othersCalled, "SELL", 0.2)).earlyDecision(false));

        assertThat(r.earlyStopped()).isFalse();
        assertThat(r.votes()).allMatch(Vote::isOk);
        assertThat(vote(r, "last").decision()).isEqualTo(Decision.SELL);
        assertThat(r.decision()).isEqualTo(Decision.BUY);
        assertThat(r.dissent()).extracting(Vote::provider).containsExactly("last");
    }

    @Test
    void earlyStopWhenQuorumCanNoLongerBeReached() throws InterruptedException {
        FakeProvider slow = hanging("slow", 1);
        ConsensusResult r = run(over(votingAfter("a", 1, slow.called(), "BUY", 1),
                throwing("b", 1, failure("b", FailureKind.UNAVAILABLE, "529 overloaded")),
                throwing("c", 1, failure("c", FailureKind.UNAVAILABLE, "529 overloaded")),
                throwing("d", 1, failure("d", FailureKind.UNAVAILABLE, "529 overloaded")), slow));

        assertThat(r.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
        assertThat(r.decision()).isEqualTo(Decision.HOLD);
        assertThat(r.earlyStopped()).isTrue();
        assertThat(vote(r, "slow").status()).isEqualTo(VoteStatus.CANCELLED);
        assertThat(r.freqtradeSignal()).isEqualTo(FreqtradeSignal.NONE);
        assertThat(wasInterrupted(slow)).isTrue();
    }

    @Test
    void theDeadlineBoundsTheWholeRequest() throws InterruptedException {
        FakeProvider c = hanging("c", 1);
        FakeProvider d = hanging("d", 1);
        long started = System.nanoTime();

        ConsensusResult r = run(over(voting("a", 1, "BUY", 0.9), voting("b", 1, "SELL", 0.9), c, d)
                .deadline(Duration.ofMillis(300)));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        assertThat(vote(r, "c").status()).isEqualTo(VoteStatus.TIMEOUT);
        assertThat(vote(r, "c").failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(vote(r, "c").error()).isEqualTo("no answer within 300 ms (the request's deadline)");
        assertThat(vote(r, "c").latency()).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
        assertThat(r.status()).isEqualTo(ConsensusStatus.TIE);
        assertThat(r.earlyStopped()).isFalse();
        assertThat(wasInterrupted(c)).isTrue();
        assertThat(wasInterrupted(d)).isTrue();
    }

    @Test
    void eachProviderIsBoundByItsOwnTimeout() throws InterruptedException {
        FakeProvider slow = hanging("slow", 1, Duration.ofMillis(200));
        long started = System.nanoTime();

        ConsensusResult r = run(over(voting("a", 1, "BUY", 0.9), voting("b", 1, "BUY", 0.9), slow)
                .earlyDecision(false));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3));
        assertThat(vote(r, "slow").status()).isEqualTo(VoteStatus.TIMEOUT);
        assertThat(vote(r, "slow").error()).isEqualTo("no answer within 200 ms (the provider's timeout)");
        assertThat(r.decision()).isEqualTo(Decision.BUY);
        assertThat(wasInterrupted(slow)).isTrue();
    }

    @Test
    void invalidMarketDataIsRejectedBeforeAnyProviderIsCalled() {
        FakeProvider a = voting("a", 1, "BUY", 0.9);
        MultiProviderOrchestrator o = open(over(a));
        assertThatThrownBy(() -> o.generateConsensusSignal(TestMarketData.csv(60), "BTC/USDT", "7m"))
                .isInstanceOf(InvalidMarketDataException.class)
                .hasMessageContaining("timeframe was '7m'");
        assertThat(a.generations()).isEqualTo(0);
    }

    @Test
    void csvNeedsPairAndTimeframeFromTheCaller() {
        ConsensusResult r = open(over(voting("a", 1, "SELL", 0.9), voting("b", 1, "SELL", 0.9)))
                .generateConsensusSignal(TestMarketData.csv(60), "ETH/USDT:USDT", "1h");
        assertThat(r.pair()).isEqualTo("ETH/USDT:USDT");
        assertThat(r.validUntil()).isEqualTo(r.lastCandle().plusSeconds(3600));
        assertThat(r.freqtradeSignal()).isEqualTo(FreqtradeSignal.EXIT_LONG);
    }

    @Test
    void theResultDoesNotDependOnArrivalOrder() {
        String[][] script = {{"a", "BUY", "0.8"}, {"b", "SELL", "0.6"}, {"c", "BUY", "0.7"}, {"d", "HOLD", "0.5"}};
        List<ConsensusResult> results = new ArrayList<>();
        for (int[] order : new int[][] {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}}) {
            // Provider order[k] answers only after order[k-1] has answered.
            CountDownLatch[] answered = new CountDownLatch[4];
            for (int i = 0; i < 4; i++) {
                answered[i] = new CountDownLatch(1);
            }
            List<LlmProvider> providers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int index = i;
                int position = indexOf(order, i);
                providers.add(scripted(script[i][0], 1, (self, req) -> {
                    if (position > 0) {
                        answered[order[position - 1]].await();
                    }
                    answered[index].countDown();
                    return self.reply(vote(script[index][1], Double.parseDouble(script[index][2])));
                }));
            }
            results.add(run(MultiProviderOrchestrator.builder(() -> providers).earlyDecision(false)));
        }
        ConsensusResult first = results.get(0);
        for (ConsensusResult r : results) {
            assertThat(r.decision()).isEqualTo(first.decision());
            assertThat(r.status()).isEqualTo(first.status());
            assertThat(r.confidence()).isEqualTo(first.confidence());
            assertThat(r.agreement()).isEqualTo(first.agreement());
            assertThat(r.scores()).isEqualTo(first.scores());
            assertThat(r.quorum()).isEqualTo(first.quorum());
            assertThat(r.votes()).extracting(Vote::provider, Vote::decision, Vote::confidence)
                    .containsExactlyElementsOf(first.votes().stream()
                            .map(v -> org.assertj.core.groups.Tuple.tuple(v.provider(), v.decision(), v.confidence()))
                            .toList());
        }
        assertThat(first.decision()).isEqualTo(Decision.BUY);
    }

    @Test
    void earlyResultEqualsTheFullResultOverRandomScenarios() {
        java.util.Random random = new java.util.Random(20240501L);
        int stoppedEarly = 0;
        for (int scenario = 0; scenario < 40; scenario++) {
            int n = 2 + random.nextInt(4);
            String[] replies = new String[n];
            double[] weights = new double[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                weights[i] = random.nextInt(4) == 0 ? 0.5 : 1.0;
                int kind = random.nextInt(6);
                replies[i] = kind == 0 ? "no idea" : vote(new String[] {"BUY", "SELL", "HOLD", "BUY", "BUY"}[kind - 1],
                        random.nextInt(21) / 20.0);
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            ConsensusResult full = run(MultiProviderOrchestrator.builder(() -> chain(replies, weights, order))
                    .earlyDecision(false));
            ConsensusResult early = run(MultiProviderOrchestrator.builder(() -> chain(replies, weights, order)));
            String what = "scenario " + scenario + ": " + java.util.Arrays.toString(replies);
            assertThat(early.decision()).as(what).isEqualTo(full.decision());
            assertThat(early.status()).as(what).isEqualTo(full.status());
            assertThat(full.confidence()).as(what)
                    .isBetween(early.confidenceRange().min(), early.confidenceRange().max());
            if (early.earlyStopped()) {
                stoppedEarly++;
            }
        }
        assertThat(stoppedEarly).as("some scenarios stop early").isPositive();
    }

    /** Fresh providers that answer strictly in {@code order}, each after the previous one has answered. */
    private static List<LlmProvider> chain(String[] replies, double[] weights, int[] order) {
        int n = replies.length;
        CountDownLatch[] answered = new CountDownLatch[n];
        for (int i = 0; i < n; i++) {
            answered[i] = new CountDownLatch(1);
        }
        List<LlmProvider> providers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            int position = indexOf(order, i);
            providers.add(scripted("p" + i, weights[i], (self, req) -> {
                if (position > 0) {
                    answered[order[position - 1]].await();
                }
                answered[index].countDown();
                return self.reply(replies[index]);
            }));
        }
        return providers;
    }

    private static int indexOf(int[] order, int value) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    @Test
    void observersAreShownButNotCounted() {
        ConsensusResult r = run(over(voting("a", 1, "BUY", 0.9), voting("b", 1, "BUY", 0.9),
                voting("observer", 0, "SELL", 1.0)).earlyDecision(false));
        assertThat(vote(r, "observer").status()).isEqualTo(VoteStatus.OK);
        assertThat(r.scores().sell()).isZero();
        assertThat(r.quorum().respondedCount()).isEqualTo(2);
        assertThat(r.dissent()).isEmpty();
        assertThat(r.confidence()).isEqualTo(0.9);
    }

    @Test
    void noProviderAvailableIsNoQuorum() {
        ConsensusResult r = run(MultiProviderOrchestrator.builder(List::of));
        assertThat(r.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
        assertThat(r.decision()).isEqualTo(Decision.HOLD);
        assertThat(r.votes()).isEmpty();
        assertThat(r.earlyStopped()).isFalse();
    }

    @Test
    void providersTheExecutorRefusesAreSkipped() {
        ExecutorService dead = Executors.newSingleThreadExecutor();
        dead.shutdown();
        FakeProvider a = voting("a", 1, "BUY", 0.9);
        ConsensusResult r = run(over(a, voting("b", 1, "BUY", 0.9)).executor(dead));
        assertThat(r.votes()).extracting(Vote::status).containsOnly(VoteStatus.SKIPPED);
        assertThat(vote(r, "a").error()).startsWith("not called: the executor refused the task");
        assertThat(r.status()).isEqualTo(ConsensusStatus.ALL_FAILED);
        assertThat(a.generations()).isEqualTo(0);
    }

    @Test
    void theProviderSourceIsAskedAtEveryRequest() {
        AtomicInteger asked = new AtomicInteger();
        List<LlmProvider> first = List.of(voting("a", 1, "BUY", 0.9), voting("b", 1, "BUY", 0.9));
        List<LlmProvider> second = List.of(voting("c", 1, "SELL", 0.9), voting("d", 1, "SELL", 0.9));
        MultiProviderOrchestrator o = open(MultiProviderOrchestrator.builder(
                () -> asked.getAndIncrement() == 0 ? first : second));
        assertThat(o.generateConsensusSignal(MARKET_DATA, null, null).decision()).isEqualTo(Decision.BUY);
        assertThat(o.generateConsensusSignal(MARKET_DATA, null, null).decision()).isEqualTo(Decision.SELL);
    }

    @Test
    void anInterruptedCallerGetsCancellationAndThePendingCallsAreCancelled() throws Exception {
        FakeProvider a = hanging("a", 1);
        FakeProvider b = hanging("b", 1);
        MultiProviderOrchestrator o = open(over(a, b));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                o.generateConsensusSignal(MARKET_DATA, null, null);
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(a.called().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(b.called().await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(5_000);

        assertThat(thrown.get()).isInstanceOf(CancellationException.class)
                .hasMessage("interrupted while waiting for the providers");
        assertThat(flagKept.get()).isTrue();
        assertThat(wasInterrupted(a)).isTrue();
        assertThat(wasInterrupted(b)).isTrue();
    }

    @Test
    void closeShutsDownOnlyTheExecutorTheOrchestratorCreated() {
        ExecutorService mine = Executors.newCachedThreadPool();
        try {
            over(voting("a", 1, "BUY", 0.9)).executor(mine).build().close();
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdownNow();
        }
        MultiProviderOrchestrator own = over(voting("a", 1, "BUY", 0.9)).build();
        own.close();
        assertThat(own.generateConsensusSignal(MARKET_DATA, null, null).votes())
                .extracting(Vote::status).containsExactly(VoteStatus.SKIPPED);
    }

    @Test
    void requestLatencyCoversEveryVote() {
        ConsensusResult r = run(over(voting("a", 1, "BUY", 0.9), voting("b", 1, "BUY", 0.9)).earlyDecision(false));
        assertThat(r.votes()).allSatisfy(v -> assertThat(v.latency()).isLessThanOrEqualTo(r.latency()));
    }

    @Test
    void negativeCancelGraceIsRejected() {
        assertThatThrownBy(() -> MultiProviderOrchestrator.builder(List::of).cancelGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cancelGrace must be 0 or more, but was PT-0.001S");
    }

    @Test
    void deadlineMustBePositive() {
        assertThatThrownBy(() -> MultiProviderOrchestrator.builder(List::of).deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be greater than 0, but was PT0S");
        assertThat(MultiProviderOrchestrator.builder(List::of).build().deadline()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aProviderWhoseCircuitIsOpenIsASkippedVoteNotSilentlyDropped() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-26T00:00:00Z"), java.time.ZoneOffset.UTC);
        FakeProvider badKey = throwing("badkey", 1, failure("badkey", FailureKind.AUTHENTICATION, "401 invalid x-api-key"));
        dev.llmservice.resilience.CircuitBreakingProvider guarded = new dev.llmservice.resilience.CircuitBreakingProvider(
                badKey, dev.llmservice.resilience.CircuitBreakerConfig.DEFAULT, clock);
        MultiProviderOrchestrator.Builder builder = over(voting("a", 1, "BUY", 0.9), voting("b", 1, "BUY", 0.8), guarded)
                .earlyDecision(false);

        ConsensusResult first = run(builder);
        ConsensusResult second = run(builder);

        assertThat(vote(first, "badkey").status()).isEqualTo(VoteStatus.ERROR);
        assertThat(vote(second, "badkey").status()).isEqualTo(VoteStatus.SKIPPED);
        assertThat(vote(second, "badkey").failure()).isEqualTo(FailureKind.CIRCUIT_OPEN);
        assertThat(badKey.generations()).isEqualTo(1);
        assertThat(second.decision()).isEqualTo(Decision.BUY);
        assertThat(second.quorum().totalWeight()).isEqualTo(3);
    }
}
