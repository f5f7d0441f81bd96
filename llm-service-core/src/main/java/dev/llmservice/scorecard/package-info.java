/**
 * The scorecard: were the journal's decisions right? {@link dev.llmservice.scorecard.Scorecards#compute} turns
 * journal entries and the candles that followed into a {@link dev.llmservice.scorecard.Scorecard} (hit rate with
 * its Wilson interval, Brier score, returns, cost per hit and a suggested {@code P_WEIGHT} per provider, and the
 * same for the consensus). Pure computation: the caller reads the entries from the journal, the fastest way with
 * {@link dev.llmservice.journal.DecisionJournal#forEachScoring} into
 * {@link dev.llmservice.scorecard.Scorecards#computeScoring}.
 */
package dev.llmservice.scorecard;
