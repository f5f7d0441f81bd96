package dev.llmservice.benchmarks;

import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.journal.HistoryPage;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalIds;
import dev.llmservice.journal.JournalSettings;
import dev.llmservice.journal.JournalVote;
import dev.llmservice.journal.ScoringEntry;
import dev.llmservice.journal.jdbc.JdbcDecisionJournal;
import dev.llmservice.scorecard.Scorecard;
import dev.llmservice.scorecard.Scorecards;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The decision journal's targets, against one database ({@code LLM_JOURNAL_URL}, user and password from
 * {@code LLM_JOURNAL_USER} / {@code LLM_JOURNAL_PASSWORD}), which must be empty:
 * <ol>
 *   <li>sustained: 1,000 entries/s (4 votes each) recorded at an even pace for {@code seconds}, no entry dropped;</li>
 *   <li>capacity: the writer alone, 250,000 entries queued as fast as possible (this fills the journal with
 *   1,000,000 votes: 100,000 entries of BTC/USDT 5m, the rest over 9 other pairs);</li>
 *   <li>scorecard over the 100,000 BTC/USDT entries: read from the journal ({@code forEachScoring}) and computed,
 *   ≤ 2 s; once more from the full entries ({@code forEach}) for comparison;</li>
 *   <li>history of one pair among the 1,000,000 votes: first page of 50 and a page deep in it, ≤ 50 ms.</li>
 * </ol>
 * Run with {@code bench/journal.sh} (it starts a throwaway PostgreSQL cluster too).
 */
public final class JournalBenchmark {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String[] PAIRS = {"BTC/USDT", "ETH/USDT", "SOL/USDT", "XRP/USDT", "ADA/USDT", "DOGE/USDT",
            "AVAX/USDT", "LINK/USDT", "DOT/USDT", "LTC/USDT"};
    static final String[] PROVIDERS = {"anthropic", "openai", "gemini", "grok"};
    static final Decision[] DECISIONS = Decision.values();

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        JournalSettings settings = JournalSettings.load(System::getenv);
        System.out.println("journal: " + settings.location());
        Random random = new Random(42);

        // 1. Sustained rate, default options (queue of 10,000).
        JdbcDecisionJournal journal = JdbcDecisionJournal.open(settings, Clock.systemUTC());
        int sustained = 1_000 * seconds;
        long intervalNanos = 1_000_000;
        long begin = System.nanoTime();
        int maxQueued = 0;
        for (int i = 0; i < sustained; i++) {
            long due = begin + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            journal.record(entry(i, random, i % 10 == 0 ? "BTC/USDT" : PAIRS[1 + i % 9]));
            if (i % 1000 == 0) {
                maxQueued = Math.max(maxQueued, journal.health().queued());
            }
        }
        long recordedIn = System.nanoTime() - begin;
        journal.close(Duration.ofMinutes(5));
        System.out.printf("sustained: %,d entries in %.2f s (%.0f/s offered), dropped %d, written %d, max queued %d%n",
                sustained, recordedIn / 1e9, sustained / (recordedIn / 1e9), journal.dropped(), journal.written(), maxQueued);

        // 2. Capacity: the writer alone, a queue large enough to hold everything.
        int total = 250_000;
        int fill = total - sustained;
        JdbcDecisionJournal bulk = JdbcDecisionJournal.open(settings, Clock.systemUTC(),
                new JdbcDecisionJournal.Options(fill, 500, Duration.ZERO, Duration.ofMinutes(1),
                        Duration.ofMinutes(10)));
        int btcSoFar = sustained / 10;
        int btcNeeded = 100_000 - btcSoFar;
        List<JournalEntry> entries = new ArrayList<>(fill);
        for (int i = 0; i < fill; i++) {
            // Spread the remaining BTC/USDT entries evenly among the others.
            boolean btc = (long) i * btcNeeded / fill != (long) (i + 1) * btcNeeded / fill;
            entries.add(entry(sustained + i, random, btc ? "BTC/USDT" : PAIRS[1 + i % 9]));
        }
        long t0 = System.nanoTime();
        entries.forEach(bulk::record);
        bulk.close(Duration.ofMinutes(10));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("writer alone: %,d entries (%,d votes) in %.2f s = %,.0f entries/s, dropped %d%n",
                fill, fill * 4L, s, fill / s, bulk.dropped());
        entries = null;

        JdbcDecisionJournal reader = JdbcDecisionJournal.open(settings, Clock.systemUTC());
        // 3. Scorecard over the BTC/USDT entries: read them all, compute, 5 runs (the first in a cold JVM). The narrow
        // read (forEachScoring: what a scorecard needs, one streamed query) is the target's; the full entries
        // (forEach: pages of 1,000 with every field and vote), the way before it, are timed once afterwards for
        // comparison (afterwards, so that their garbage does not weigh on the runs above) and must give the
        // identical scorecard.
        // PostgreSQL: right after a bulk load its planner has neither statistics nor a visibility map for the new
        // rows (autovacuum has not caught up), and picks other plans than on a journal that has been running: one
        // run like that, then VACUUM ANALYZE, what autovacuum does on its own within a minute or so.
        List<Candle> candles = candles(total);
        if (settings.isPostgresql()) {
            scorecard(reader, candles, "right after the bulk load");
            long v0 = System.nanoTime();
            vacuumAnalyze(settings);
            System.out.printf("VACUUM ANALYZE of both tables: %.1f s%n", (System.nanoTime() - v0) / 1e9);
        }
        Scorecard card = null;
        for (int run = 0; run < 5; run++) {
            card = scorecard(reader, candles, "run " + (run + 1));
        }
        System.out.println("  the same scorecard as from the full entries: " + fullScorecard(reader, candles).equals(card));

        // 4. History of one pair, first page and a deep page (after 200 pages of 50).
        HistoryQuery eth = HistoryQuery.newest().withPair("ETH/USDT");
        String deepCursor = null;
        HistoryQuery q = eth;
        for (int p = 0; p < 200; p++) {
            HistoryPage page = reader.history(q);
            deepCursor = page.nextCursor();
            q = eth.after(deepCursor);
        }
        double[] first = time(() -> reader.history(eth), 200);
        String cursor = deepCursor;
        double[] deep = time(() -> reader.history(eth.after(cursor)), 200);
        double[] byId = time(() -> reader.get(reader.history(eth.withLimit(1)).entries().get(0).id()), 200);
        System.out.printf("history ETH/USDT, 50 entries with their votes: first page median %.2f ms (p95 %.2f); "
                + "page 201 median %.2f ms (p95 %.2f); newest + get by id median %.2f ms%n",
                first[0], first[1], deep[0], deep[1], byId[0]);
        reader.close();
    }

    /** The scorecard of the BTC/USDT entries read with {@code forEachScoring}, timed. */
    static Scorecard scorecard(JdbcDecisionJournal reader, List<Candle> candles, String label) {
        long r0 = System.nanoTime();
        List<ScoringEntry> btc = new ArrayList<>(100_000);
        reader.forEachScoring("BTC/USDT", Timeframe.M5, btc::add);
        long r1 = System.nanoTime();
        Scorecard card = Scorecards.computeScoring("BTC/USDT", Timeframe.M5, btc, candles);
        long r2 = System.nanoTime();
        System.out.printf("scorecard %s: %,d entries (%,d scored): read %.0f ms + compute %.0f ms = %.0f ms%n", label,
                btc.size(), card.entriesScored(), (r1 - r0) / 1e6, (r2 - r1) / 1e6, (r2 - r0) / 1e6);
        return card;
    }

    static void vacuumAnalyze(JournalSettings settings) {
        Properties credentials = new Properties();
        if (settings.user() != null) {
            credentials.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            credentials.setProperty("password", settings.password());
        }
        try (Connection c = DriverManager.getConnection(settings.url(), credentials);
             Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) llm_journal_entry, llm_journal_vote");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + e.getMessage(), e);
        }
    }

    /** The scorecard from the full entries, page after page, timed: the way before {@code forEachScoring}. */
    static Scorecard fullScorecard(JdbcDecisionJournal reader, List<Candle> candles) {
        long r0 = System.nanoTime();
        List<JournalEntry> btc = new ArrayList<>(100_000);
        reader.forEach(HistoryQuery.newest().withPair("BTC/USDT").withLimit(HistoryQuery.MAX_LIMIT), btc::add);
        long r1 = System.nanoTime();
        Scorecard card = Scorecards.compute("BTC/USDT", Timeframe.M5, btc, candles);
        long r2 = System.nanoTime();
        System.out.printf("scorecard from full entries (forEach), for comparison: %,d entries: read %.0f ms + compute "
                + "%.0f ms = %.0f ms%n", btc.size(), (r1 - r0) / 1e6, (r2 - r1) / 1e6, (r2 - r0) / 1e6);
        return card;
    }

    /** Median and 95th percentile, in ms, after 20 warm-up runs. */
    static double[] time(Runnable r, int runs) {
        for (int i = 0; i < 20; i++) {
            r.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[(int) (runs * 0.95)]};
    }

    /** Entry {@code i}: one every 5 minutes of its pair's time line is enough; votes as a real consensus makes. */
    static JournalEntry entry(int i, Random random, String pair) {
        Instant at = START.plusSeconds(i * 3L);
        Instant candle = at.minusSeconds(at.getEpochSecond() % 300);
        List<JournalVote> votes = new ArrayList<>(4);
        for (String p : PROVIDERS) {
            boolean ok = random.nextInt(20) != 0;
            votes.add(ok
                    ? new JournalVote(p, p + "-model", 1.0, VoteStatus.OK, DECISIONS[random.nextInt(3)],
                            0.5 + random.nextInt(50) / 100.0, "RSI 41 and rising; MACD histogram turned positive two "
                            + "candles ago; price above EMA20 but below EMA50.", Duration.ofMillis(400 + random.nextInt(900)),
                            1_800 + random.nextInt(200), 60 + random.nextInt(60), new BigDecimal("0.00" + (600 + i % 300)),
                            null)
                    : new JournalVote(p, p + "-model", 1.0, VoteStatus.TIMEOUT, null, null, null, Duration.ofSeconds(30),
                            0, 0, BigDecimal.ZERO, null));
        }
        return new JournalEntry(JournalIds.next(Clock.fixed(at, ZoneOffset.UTC)), at, pair, Timeframe.M5, candle,
                60_000 + (i % 1000), "ab".repeat(32), "1", "1", DECISIONS[i % 3], ConsensusStatus.DECIDED, 0.61, 0.8,
                i % 2 == 0, Duration.ofMillis(1_200), votes);
    }

    /** 5-minute candles covering every entry's time, and one beyond. */
    static List<Candle> candles(int entries) {
        long lastSecond = START.getEpochSecond() + entries * 3L + 600;
        List<Candle> candles = new ArrayList<>();
        for (long t = START.getEpochSecond(); t <= lastSecond; t += 300) {
            double c = 60_000 + (t / 300 % 997);
            candles.add(new Candle(Instant.ofEpochSecond(t), c, c, c, c, 1));
        }
        return candles;
    }
}
