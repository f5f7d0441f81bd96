package dev.llmservice.consensus;

import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.vote.Vote;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.llmservice.consensus.vote.TestVotes.buy;
import static dev.llmservice.consensus.vote.TestVotes.error;
import static dev.llmservice.consensus.vote.TestVotes.sell;
import static org.assertj.core.api.Assertions.assertThat;

class FreqtradeSignalTest {

    private static FreqtradeSignal signal(Vote... votes) {
        List<Vote> list = List.of(votes);
        return ConsensusResult.of("BTC/USDT", Timeframe.M5, Instant.EPOCH, ConsensusPolicy.DEFAULT.evaluate(list), list,
                false, ConfidenceRange.point(0), Duration.ZERO, "1").freqtradeSignal();
    }

    @Test
    void decidedBuyEntersLong() {
        assertThat(signal(buy("a", 0.9), buy("b", 0.9))).isEqualTo(FreqtradeSignal.ENTER_LONG);
        assertThat(FreqtradeSignal.ENTER_LONG.column()).isEqualTo("enter_long");
    }

    @Test
    void decidedSellExitsLong() {
        assertThat(signal(sell("a", 0.9), sell("b", 0.9))).isEqualTo(FreqtradeSignal.EXIT_LONG);
        assertThat(FreqtradeSignal.EXIT_LONG.column()).isEqualTo("exit_long");
    }

    @Test
    void anythingNotDecidedIsNoSignal() {
        assertThat(signal(buy("a", 0.9), sell("b", 0.9))).isEqualTo(FreqtradeSignal.NONE);  // tie
        assertThat(signal(buy("a", 0.9), error("b"), error("c"))).isEqualTo(FreqtradeSignal.NONE);  // no quorum
        assertThat(signal(error("a"))).isEqualTo(FreqtradeSignal.NONE);  // all failed
        assertThat(FreqtradeSignal.NONE.column()).isNull();
    }
}
