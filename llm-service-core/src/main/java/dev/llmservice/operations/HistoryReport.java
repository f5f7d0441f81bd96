package dev.llmservice.operations;

import dev.llmservice.consensus.ConsensusResult;

import java.util.List;

/**
 * One page of the decision journal, newest first: the documented {@code llm-providers history --json} shape, which
 * a server also answers to {@code GET /api/v1/consensus}:
 * <pre>{"entries": [ {the consensus result's document, with "id" and "created_at"}, ... ],
 *  "next_cursor": "…"}</pre>
 *
 * @param entries    the results, each as {@code POST /api/v1/consensus} answered it (a vote's reasoning cut to the
 *                   journal's 500 characters)
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last
 */
public record HistoryReport(List<ConsensusResult> entries, String nextCursor) {

    public HistoryReport {
        entries = List.copyOf(entries);
    }
}
