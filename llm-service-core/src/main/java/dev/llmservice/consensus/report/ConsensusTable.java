package dev.llmservice.consensus.report;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.FreqtradeSignal;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.VoteCost;

import java.math.BigDecimal;
import java.math.RoundingMode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compact plain-text rendering of a {@link ConsensusResult} for people: a header with the decision, then one
 * line per vote. Reasoning and error messages are cut to fit one line. ASCII only, no colours.
 *
 * <pre>
 * BTC/USDT 5m  newest candle 2024-05-01T16:05:00Z  valid until 2024-05-01T16:10:00Z
 * Decision BUY (decided)  confidence 0.375  agreement 0.375  freqtrade enter_long
 * Scores  buy 1.500  sell 0.600  hold 0.500  margin 0.900
 * Quorum  met: weight 4.00 of 4.00 responded (2.00 needed), 4 ok votes (2 needed)
 *
 * PROVIDER   MODEL          WEIGHT  STATUS   VOTE   CONF  LATENCY  TOKENS  COST USD  NOTE
 * anthropic  claude-sonnet    1.00  ok       BUY    0.80   812 ms     991  0.003465  RSI rising, price above EMA 20…
 *
 * policy 1, 905 ms, cost USD 0.013860
 * id 0190f6b2-7c1e-7d3a-9f4e-2b8c1d0e5a6f, recorded 2024-05-01T16:06:12.345Z
 * </pre>
 * A vote whose cost is unknown shows {@code ?} and, below the table, why ({@code no price for model X}); the total
 * is then unknown too. A result that was not recorded (journal off) says so instead of the id; one shared with an
 * identical request ({@code cached}) says so after it.
 */
public final class ConsensusTable {

    /** Widest a note (reasoning or error) gets before it is cut. */
    public static final int NOTE_WIDTH = 60;
    private static final int MODEL_WIDTH = 24;

    private ConsensusTable() {
    }

    /** The table, lines ending in {@code \n}. */
    public static String render(ConsensusResult r) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append(r.pair()).append(' ').append(r.timeframe().code())
                .append("  newest candle ").append(r.lastCandle())
                .append("  valid until ").append(r.validUntil()).append('\n');
        FreqtradeSignal signal = r.freqtradeSignal();
        sb.append("Decision ").append(r.decision()).append(" (").append(r.status().code()).append(")")
                .append("  confidence ").append(f3(r.confidence()))
                .append("  agreement ").append(f3(r.agreement()))
                .append("  freqtrade ").append(signal.column() == null ? "no signal" : signal.column()).append('\n');
        sb.append("Scores  buy ").append(f3(r.scores().buy()))
                .append("  sell ").append(f3(r.scores().sell()))
                .append("  hold ").append(f3(r.scores().hold()))
                .append("  margin ").append(f3(r.margin())).append('\n');
        Quorum q = r.quorum();
        sb.append("Quorum  ").append(q.met() ? "met" : "NOT met").append(": weight ").append(f2(q.respondedWeight()))
                .append(" of ").append(f2(q.totalWeight())).append(" responded (").append(f2(q.requiredWeight()))
                .append(" needed), ").append(q.respondedCount()).append(q.respondedCount() == 1 ? " ok vote" : " ok votes")
                .append(" (").append(q.requiredCount()).append(" needed)\n");
        if (r.earlyStopped()) {
            long cancelled = r.votes().stream().filter(v -> v.status() == VoteStatus.CANCELLED).count();
            sb.append("Early decision: ").append(cancelled).append(cancelled == 1 ? " call" : " calls")
                    .append(" cancelled; waiting could have left the confidence from ").append(f3(r.confidenceRange().min()))
                    .append(" to ").append(f3(r.confidenceRange().max())).append('\n');
        }
        sb.append('\n');

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PROVIDER", "MODEL", "WEIGHT", "STATUS", "VOTE", "CONF", "LATENCY", "TOKENS", "COST USD",
            "NOTE"});
        Set<String> unknownCosts = new LinkedHashSet<>();
        for (Vote v : r.votes()) {
            VoteCost cost = v.cost();
            if (cost != null && !cost.isKnown()) {
                unknownCosts.add(v.provider() + ": " + cost.note());
            }
            rows.add(new String[] {
                    v.provider(),
                    cut(v.model(), MODEL_WIDTH),
                    f2(v.weight()) + (v.isObserver() ? "*" : ""),
                    v.status().code(),
                    v.isOk() ? v.decision().name() : "-",
                    v.isOk() ? f2(v.confidence()) : "-",
                    v.latency().toMillis() + " ms",
                    v.tokens().totalTokens() == 0 ? "-" : Integer.toString(v.tokens().totalTokens()),
                    cost == null ? "-" : cost.isKnown() ? usd(cost.usd()) : "?",
                    cut(oneLine(v.isOk() ? v.reasoning() : v.error()), NOTE_WIDTH)});
        }
        boolean[] right = {false, false, true, false, false, true, true, true, true, false};
        int[] width = new int[right.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                if (c == row.length - 1) {
                    line.append(cell);
                } else {
                    line.append(right[c] ? pad + cell : cell + pad).append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        if (r.votes().stream().anyMatch(Vote::isObserver)) {
            sb.append("* observer: weight 0, shown but not counted\n");
        }
        for (String unknown : unknownCosts) {
            sb.append("? cost unknown, ").append(unknown).append('\n');
        }
        BigDecimal total = r.costUsd();
        sb.append("policy ").append(r.policyVersion()).append(", ").append(r.latency().toMillis()).append(" ms, cost ")
                .append(total == null ? "unknown" : "USD " + usd(total)).append('\n');
        sb.append(r.id() == null ? "not recorded in the decision journal"
                : "id " + r.id() + ", recorded " + r.createdAt()).append(r.cached()
                ? " (cached: an identical request's result; nothing asked or spent for this one)" : "").append('\n');
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** USD to the millionth (a vote costs fractions of a cent), never in exponent form. */
    public static String usd(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    private static String f2(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String f3(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
