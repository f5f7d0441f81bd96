package dev.llmservice.consensus;

/**
 * The consensus in freqtrade's terms, for strategies that set their signal columns from it:
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>consensus</th><th>freqtrade column set to 1</th></tr>
 *   <tr><td>BUY, status {@code decided}</td><td>{@code enter_long}</td></tr>
 *   <tr><td>SELL, status {@code decided}</td><td>{@code exit_long}</td></tr>
 *   <tr><td>anything not decided (HOLD: tie, contested, below_threshold, no_quorum, all_failed)</td>
 *       <td>none: no signal</td></tr>
 * </table>
 * A signal is meant for the candle after {@code last_candle} and should not be used after
 * {@code valid_until}. Shorting is not mapped: SELL only closes a long.
 */
public enum FreqtradeSignal {
    ENTER_LONG("enter_long"),
    EXIT_LONG("exit_long"),
    NONE(null);

    private final String column;

    FreqtradeSignal(String column) {
        this.column = column;
    }

    /** The dataframe column to set to 1, or {@code null} for no signal. */
    public String column() {
        return column;
    }

    /** The signal for a result. */
    public static FreqtradeSignal of(ConsensusResult result) {
        if (!result.status().isDecided()) {
            return NONE;
        }
        return switch (result.decision()) {
            case BUY -> ENTER_LONG;
            case SELL -> EXIT_LONG;
            case HOLD -> NONE;
        };
    }
}
