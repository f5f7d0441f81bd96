package dev.llmservice.operations;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.scorecard.Scorecards;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters of history and scorecard requests as people and clients type them, read once for the CLI
 * ({@code --pair}, {@code --since}, {@code --limit}, {@code --horizon}, {@code --min-move}) and the REST API (the
 * query parameters of the same names). Every problem is reported at once, each naming the parameter and its value.
 */
public final class ConsensusQueries {

    /** The longest horizon a scorecard takes, in candles. */
    public static final int MAX_HORIZON = 1_000;
    static final String SINCE_ACCEPTED = "an ISO-8601 date (2024-05-01, midnight UTC) or instant (2024-05-01T16:00:00Z)";
    static final String LIMIT_ACCEPTED = "a whole number from " + HistoryQuery.MIN_LIMIT + " to " + HistoryQuery.MAX_LIMIT;
    static final String HORIZON_ACCEPTED = "a whole number of candles from 1 to " + MAX_HORIZON;
    static final String MIN_MOVE_ACCEPTED = "a percentage from 0 to 100, e.g. 0.1";
    static final String PAIR_ACCEPTED = "at most 64 characters";

    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    private ConsensusQueries() {
    }

    /**
     * A history query; each argument {@code null} (or blank) when not given.
     *
     * @param limit  entries per page, default {@value HistoryQuery#DEFAULT_LIMIT}
     * @param cursor a page's {@code next_cursor} (checked by the journal when read)
     * @throws InvalidQueryException naming every parameter that is not as accepted
     */
    public static HistoryQuery history(String pair, String since, String limit, String cursor) {
        List<ConfigProblem> problems = new ArrayList<>();
        String p = blankToNull(pair);
        if (p != null && p.length() > 64) {
            problems.add(new ConfigProblem("pair", p, PAIR_ACCEPTED));
        }
        Instant from = null;
        String s = blankToNull(since);
        if (s != null) {
            from = instant(s);
            if (from == null) {
                problems.add(new ConfigProblem("since", s, SINCE_ACCEPTED));
            }
        }
        int n = HistoryQuery.DEFAULT_LIMIT;
        String l = blankToNull(limit);
        if (l != null) {
            Integer parsed = WHOLE.matcher(l).matches() ? Integer.valueOf(l) : null;
            if (parsed == null || parsed < HistoryQuery.MIN_LIMIT || parsed > HistoryQuery.MAX_LIMIT) {
                problems.add(new ConfigProblem("limit", l, LIMIT_ACCEPTED));
            } else {
                n = parsed;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        return new HistoryQuery(p, from, n, blankToNull(cursor));
    }

    /**
     * A scorecard's horizon and minimum move; each {@code null} (or blank) for its default.
     *
     * @param horizon    candles, default {@value Scorecards#DEFAULT_HORIZON}
     * @param minMovePct a percentage (0.1 means 0.1 %), default 0.1
     * @throws InvalidQueryException naming every parameter that is not as accepted
     */
    public static ScorecardParameters scorecard(String horizon, String minMovePct) {
        List<ConfigProblem> problems = new ArrayList<>();
        int h = Scorecards.DEFAULT_HORIZON;
        String hs = blankToNull(horizon);
        if (hs != null) {
            Integer parsed = WHOLE.matcher(hs).matches() ? Integer.valueOf(hs) : null;
            if (parsed == null || parsed < 1 || parsed > MAX_HORIZON) {
                problems.add(new ConfigProblem("horizon", hs, HORIZON_ACCEPTED));
            } else {
                h = parsed;
            }
        }
        double m = Scorecards.DEFAULT_MIN_MOVE;
        String ms = blankToNull(minMovePct);
        if (ms != null) {
            BigDecimal pct = DECIMAL.matcher(ms).matches() ? new BigDecimal(ms) : null;
            if (pct == null || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                problems.add(new ConfigProblem("min_move", ms, MIN_MOVE_ACCEPTED));
            } else {
                m = pct.movePointLeft(2).doubleValue();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        return new ScorecardParameters(h, m);
    }

    /**
     * @param horizon candles after a decision's newest one whose close decides
     * @param minMove the move a BUY or SELL must beat, as a fraction (0.001 = 0.1 %)
     */
    public record ScorecardParameters(int horizon, double minMove) {
    }

    private static Instant instant(String s) {
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a date: an instant?
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
