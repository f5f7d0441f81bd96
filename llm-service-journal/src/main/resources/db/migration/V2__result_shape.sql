-- Version 2: what a history entry needs to be shown in the same shape as the consensus result it records.
-- Columns are nullable: entries written by version 1 have none (they are shown with the default policy's quorum,
-- the confidence as its own range and "(the error was not recorded)").
-- One ALTER per column: SQLite adds only one at a time.

ALTER TABLE llm_journal_entry ADD COLUMN quorum_required_weight DOUBLE PRECISION;
ALTER TABLE llm_journal_entry ADD COLUMN quorum_required_count INTEGER;
ALTER TABLE llm_journal_entry ADD COLUMN confidence_min DOUBLE PRECISION;
ALTER TABLE llm_journal_entry ADD COLUMN confidence_max DOUBLE PRECISION;

ALTER TABLE llm_journal_vote ADD COLUMN failure_kind TEXT;   -- the vote's error.kind (rate_limited, timeout, ...)
ALTER TABLE llm_journal_vote ADD COLUMN error_message TEXT;  -- the vote's error.message, first 500 characters
