/**
 * Weighted consensus over LLM providers: ask every available provider for a trading decision about one pair and
 * timeframe, and combine the votes with a documented, versioned rule.
 *
 * <p>Entry point: {@link dev.llmservice.consensus.MultiProviderOrchestrator}; its answer,
 * {@link dev.llmservice.consensus.ConsensusResult}. Where things live:
 * <ul>
 *   <li>{@code marketdata} — the input format (JSON, freqtrade arrays, CSV), its parser and its validation;</li>
 *   <li>{@code indicators} — RSI, EMA, MACD, ATR and recent change, computed locally;</li>
 *   <li>{@code prompt} — what each provider is asked;</li>
 *   <li>{@code answer} — reading a provider's reply into a decision and a confidence;</li>
 *   <li>{@code vote} — one provider's vote and its status;</li>
 *   <li>{@code policy} — the rule that counts the votes, and the early-decision test;</li>
 *   <li>{@code report} — the result as JSON and as a table;</li>
 *   <li>{@code internal} — turning provider outcomes into votes (not API).</li>
 * </ul>
 */
package dev.llmservice.consensus;
