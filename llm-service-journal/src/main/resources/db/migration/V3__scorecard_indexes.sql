-- The scorecard's read (DecisionJournal.forEachScoring): every entry of one pair and timeframe, newest first, each
-- with its votes. Both indexes hold every column that read takes, so that SQLite and PostgreSQL answer it from the
-- indexes alone (PostgreSQL: index-only scans in a nested loop, no hash join, no sort) and never read the rows with
-- their reasoning text, fingerprints and versions. The same SQL for SQLite and PostgreSQL.
--
-- UNIQUE although the id alone is: it tells SQLite that each row of the index is one entry, so that the index's
-- order (the query orders by all its columns) is the whole order and each entry's votes, found in their own order in
-- the vote index, need no sort.
CREATE UNIQUE INDEX llm_journal_entry_scoring ON llm_journal_entry
    (pair, timeframe, recorded_at_ms, id, last_candle_at_ms, last_close, decision, status, confidence);
CREATE INDEX llm_journal_vote_scoring ON llm_journal_vote
    (entry_id, ordinal, provider, decision, confidence, cost_pico_usd);
