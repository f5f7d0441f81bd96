package dev.llmservice.journal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JournalIdsTest {

    @Test
    void idsAreVersion7UuidsThatSortByTheirMillisecond() {
        String earlier = JournalIds.next(Clock.fixed(Instant.parse("2026-03-14T09:26:53.589Z"), ZoneOffset.UTC));
        String later = JournalIds.next(Clock.fixed(Instant.parse("2026-03-14T09:26:53.590Z"), ZoneOffset.UTC));

        UUID uuid = UUID.fromString(earlier);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(Instant.parse("2026-03-14T09:26:53.589Z").toEpochMilli());
        assertThat(earlier).isLessThan(later);
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-14T09:26:53.589Z"), ZoneOffset.UTC);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(JournalIds.next(clock));
        }
        assertThat(ids).hasSize(10_000);
    }
}
