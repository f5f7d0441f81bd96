-- The scorecard's read (DecisionJournal.forEachScoring): every entry of one pair and timeframe, newest first, each
-- with its votes, without touching the tables' rows. Both indexes hold every column that read takes, so SQLite and
-- PostgreSQL answer from the indexes alone (PostgreSQL: index-only scans in a nested loop, no sort), and the rows
-- with their reasoning text, fingerprints and versions are never read. The same SQL for SQLite and PostgreSQL.
CREATE INDEX llm_journal_entry_scoring ON llm_journal_entry
    (pair, timeframe, recorded_at_ms, id, last_candle_at_ms, last_close, decision, status, confidence);
CREATE INDEX llm_journal_vote_scoring ON llm_journal_vote
    (entry_id, ordinal, provider, decision, confidence, cost_pico_usd);
