-- The decision journal, version 1. The same SQL for SQLite and PostgreSQL: times are epoch milliseconds (UTC),
-- money is whole pico-dollars (10^-12 USD: exact in both, and summed exactly), text is TEXT.
-- Released migrations are never edited: a change is a new V2__... file.

CREATE TABLE llm_journal_entry (
    id                  TEXT             NOT NULL PRIMARY KEY,  -- UUIDv7: time-ordered, unique across writers
    recorded_at_ms      BIGINT           NOT NULL,
    pair                TEXT             NOT NULL,
    timeframe           TEXT             NOT NULL,
    last_candle_at_ms   BIGINT           NOT NULL,
    last_close          DOUBLE PRECISION NOT NULL,
    candles_fingerprint TEXT             NOT NULL,
    prompt_version      TEXT             NOT NULL,
    policy_version      TEXT             NOT NULL,
    decision            TEXT             NOT NULL,
    status              TEXT             NOT NULL,
    confidence          DOUBLE PRECISION NOT NULL,
    agreement           DOUBLE PRECISION NOT NULL,
    early_stopped       BOOLEAN          NOT NULL,
    latency_ms          BIGINT           NOT NULL,
    known_cost_pico_usd BIGINT           NOT NULL,  -- sum of the votes' known costs: today's spend without a join
    cost_complete       BOOLEAN          NOT NULL   -- whether every vote's cost is known
);

-- History (newest first, paged by (recorded_at_ms, id)), today's spend, and the same for one pair.
CREATE INDEX llm_journal_entry_recent ON llm_journal_entry (recorded_at_ms, id);
CREATE INDEX llm_journal_entry_pair_recent ON llm_journal_entry (pair, recorded_at_ms, id);

CREATE TABLE llm_journal_vote (
    entry_id       TEXT             NOT NULL REFERENCES llm_journal_entry (id) ON DELETE CASCADE,
    ordinal        INTEGER          NOT NULL,  -- the vote's place in the result's list
    provider       TEXT             NOT NULL,
    model          TEXT             NOT NULL,
    weight         DOUBLE PRECISION NOT NULL,
    status         TEXT             NOT NULL,
    decision       TEXT,
    confidence     DOUBLE PRECISION,
    reasoning      TEXT,                       -- the first 500 characters
    latency_ms     BIGINT           NOT NULL,
    input_tokens   INTEGER          NOT NULL,
    output_tokens  INTEGER          NOT NULL,
    cost_pico_usd  BIGINT,                     -- NULL: no price known; cost_note says why
    cost_note      TEXT,
    PRIMARY KEY (entry_id, ordinal)
);
