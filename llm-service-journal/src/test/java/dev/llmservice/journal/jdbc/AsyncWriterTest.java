package dev.llmservice.journal.jdbc;

import dev.llmservice.testing.CapturedStderr;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's queue, batching, loss counting and rate-limited warning, with sinks standing in for a database. */
class AsyncWriterTest {

    private static final Instant START = Instant.parse("2026-03-14T09:00:00Z");

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        AsyncWriter<Integer> writer = new AsyncWriter<>("test-writer", "test.db", 3, 10, Duration.ZERO, batch -> {
            writing.countDown();
            assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            written.addAll(batch);
        }, VirtualTime.frozenAt(START), Duration.ofMinutes(1));

        writer.offer(0);
        assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue(); // the writer holds item 0; the queue is empty
        boolean[] queued = new boolean[5];
        for (int i = 1; i <= 5; i++) {
            queued[i - 1] = writer.offer(i);
        }

        assertThat(queued).containsExactly(true, true, true, false, false);
        assertThat(writer.dropped()).isEqualTo(2);
        assertThat(writer.queued()).as("three waiting and the one being written").isEqualTo(4);
        release.countDown();
        assertThat(writer.close(Duration.ofSeconds(20))).isTrue();
        assertThat(written).containsExactly(0, 1, 2, 3);
        assertThat(writer.dropped()).isEqualTo(2);
    }

    @Test
    void anItemThatFindsTheWriterIdleWaitsTheLingerForOthersToShareItsBatch() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        AsyncWriter<Integer> writer = new AsyncWriter<>("test-writer", "test.db", 100, 2, Duration.ofHours(1),
                batch -> batches.add(List.copyOf(batch)), VirtualTime.frozenAt(START), Duration.ofMinutes(1));

        writer.offer(1);
        writer.offer(2);  // within the linger: the batch (of 2) is full, and written without waiting the hour
        writer.offer(3);
        assertThat(writer.close(Duration.ofSeconds(20))).as("close ends the linger").isTrue();

        assertThat(batches).containsExactly(List.of(1, 2), List.of(3));
        assertThat(writer.written()).isEqualTo(3);
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void aNegativeLingerIsRefusedByName() {
        assertThatThrownBy(() -> new AsyncWriter<Integer>("test-writer", "test.db", 100, 2, Duration.ofMillis(-1),
                batch -> { }, VirtualTime.frozenAt(START), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linger was PT-0.001S but it must not be negative");
    }

    @Test
    void queuedItemsAreWrittenInBatchesAndCloseWritesTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        AsyncWriter<Integer> writer = new AsyncWriter<>("test-writer", "test.db", 1_000, 100, Duration.ZERO, batch -> {
            assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            sizes.add(batch.size());
        }, VirtualTime.frozenAt(START), Duration.ofMinutes(1));

        for (int i = 0; i < 301; i++) {
            writer.offer(i);
        }
        release.countDown();
        writer.close(Duration.ofSeconds(20));

        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(301);
        assertThat(sizes).allMatch(s -> s <= 100);
        assertThat(sizes.size()).as("batches").isLessThanOrEqualTo(5);
        assertThat(writer.written()).isEqualTo(301);
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void aBatchThatFailsTwiceIsCountedAsLostAndWarnedAboutAtMostOnceAMinute() {
        VirtualTime clock = VirtualTime.frozenAt(START);
        AtomicInteger attempts = new AtomicInteger();
        AsyncWriter<Integer> writer = new AsyncWriter<>("test-writer", "jdbc:postgresql://db:5432/llm", 100, 1,
                Duration.ZERO, batch -> {
            attempts.incrementAndGet();
            throw new java.sql.SQLException("Connection to db:5432 refused");
        }, clock, Duration.ofMinutes(1));

        try (CapturedStderr err = CapturedStderr.start()) {
            for (int i = 0; i < 3; i++) {
                int expected = i + 1;
                writer.offer(i);
                Await.until("item " + i + " lost", () -> writer.dropped() == expected);
                clock.sleep(Duration.ofSeconds(20)); // 0 s, 20 s, 40 s: all within one minute
            }
            clock.sleep(Duration.ofSeconds(1)); // 61 s after the first warning
            writer.offer(3);
            Await.until("item 3 lost", () -> writer.dropped() == 4);
            // The writer counts a lost batch before it warns about it: wait for the warning too.
            Await.until("the second warning", () -> err.text().lines().filter(l -> l.contains("WARN")).count() >= 2);
            writer.close(Duration.ofSeconds(20));

            List<String> warnings = err.text().lines().filter(l -> l.contains("WARN")).toList();
            assertThat(warnings).containsExactly(
                    "[test-writer] WARN dev.llmservice.journal.jdbc.AsyncWriter - journal jdbc:postgresql://db:5432/llm: "
                            + "1 entry not recorded, cannot write to jdbc:postgresql://db:5432/llm: Connection to "
                            + "db:5432 refused; 1 lost since start (llm_journal_dropped_total)",
                    "[test-writer] WARN dev.llmservice.journal.jdbc.AsyncWriter - journal jdbc:postgresql://db:5432/llm: "
                            + "1 entry not recorded, cannot write to jdbc:postgresql://db:5432/llm: Connection to "
                            + "db:5432 refused; 4 lost since start (llm_journal_dropped_total) (2 similar warnings not "
                            + "logged in the last 1 min)");
        }
        assertThat(attempts.get()).as("each batch tried twice").isEqualTo(8);
        assertThat(writer.failure()).isEqualTo("cannot write to jdbc:postgresql://db:5432/llm: Connection to db:5432 refused");
    }

    @Test
    void aBatchThatFailsOnceIsWrittenOnTheSecondTry() {
        AtomicInteger attempts = new AtomicInteger();
        AsyncWriter<Integer> writer = new AsyncWriter<>("test-writer", "test.db", 100, 10, Duration.ZERO, batch -> {
            if (attempts.incrementAndGet() == 1) {
                throw new java.sql.SQLException("This connection has been closed.");
            }
        }, VirtualTime.frozenAt(START), Duration.ofMinutes(1));

        writer.offer(1);
        writer.close(Duration.ofSeconds(20));

        assertThat(writer.written()).isEqualTo(1);
        assertThat(writer.dropped()).isZero();
        assertThat(writer.failure()).isNull();
    }
}
