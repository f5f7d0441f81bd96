package dev.llmservice.journal.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes items off the response path: {@link #offer} puts an item in a bounded queue and returns at once; one
 * writer thread takes whatever is queued, up to a batch, and hands it to the sink in one call. Under load batches
 * grow by themselves. An item that finds the writer idle waits {@code linger} for company before its batch is
 * written (a full batch, or closing, ends the wait at once): the write then happens while the next requests wait
 * for their vendors rather than while the answer that recorded it is still going out on the same cores.
 *
 * <p>Losses are counted, never hidden: an item that finds the queue full or the writer closed, and every item of a
 * batch the sink could not write in two tries, adds to {@link #dropped()}, and a warning is logged at most once per
 * {@code warnInterval} (on the injected clock). {@link #failure()} holds the reason of the last failed batch until a
 * batch succeeds again.
 *
 * <p>Concurrency: {@link #offer} is called by any thread; the sink only ever by the writer thread.
 */
final class AsyncWriter<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncWriter.class);

    /** Writes one batch, all or nothing. */
    @FunctionalInterface
    interface BatchSink<T> {
        void write(List<T> batch) throws Exception;
    }

    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final long lingerNanos;
    private final BatchSink<T> sink;
    private final String where;
    private final RateLimitedWarning warning;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    /** Items accepted and not yet written or dropped: those queued, and those of the batch in hand (lingering too). */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;
    private volatile String failure;

    /**
     * @param linger how long the first item of a batch waits for more before the batch is written; zero writes each
     *               item as soon as it comes when idle
     */
    AsyncWriter(String name, String where, int capacity, int batchSize, Duration linger, BatchSink<T> sink,
                Clock clock, Duration warnInterval) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger was " + linger + " but it must not be negative");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.sink = sink;
        this.where = where;
        this.warning = new RateLimitedWarning(LOG, clock, warnInterval);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code item}; never blocks. Returns whether it was queued (else it was counted as dropped). */
    boolean offer(T item) {
        if (closed) {
            drop(1, "the journal is closed");
            return false;
        }
        pending.incrementAndGet();
        if (!queue.offer(item)) {
            pending.decrementAndGet();
            drop(1, "the queue is full (" + (queue.size() + queue.remainingCapacity()) + " entries waiting)");
            return false;
        }
        return true;
    }

    long dropped() {
        return dropped.get();
    }

    long written() {
        return written.get();
    }

    /** Items waiting to be written: queued, or in the batch being gathered or written. */
    int queued() {
        return pending.get();
    }

    /** Why the last batch failed, or {@code null} when the last batch was written. */
    String failure() {
        return failure;
    }

    boolean isClosed() {
        return closed;
    }

    private void run() {
        List<T> batch = new ArrayList<>(batchSize);
        while (true) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                linger(batch);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                // close() gave up waiting: what is still queued is lost, and counted.
                int left = batch.size() + queue.size();
                queue.clear();
                pending.addAndGet(-left);
                if (left > 0) {
                    drop(left, "the journal was closed before they were written");
                }
                return;
            }
        }
    }

    /** Adds to {@code batch} what comes within the linger, until it is full or the writer is closed. */
    private void linger(List<T> batch) throws InterruptedException {
        long until = System.nanoTime() + lingerNanos;
        while (lingerNanos > 0 && batch.size() < batchSize && !closed) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            // In slices, so that close() is seen within 100 ms whatever the linger.
            T next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                queue.drainTo(batch, batchSize - batch.size());
            }
        }
    }

    /**
     * Writes the batch, trying a second time at once when the first fails: a pooled connection the database has
     * closed since its last use (a restart, an idle timeout) fails one batch, and the second try gets a new one. A
     * second failure drops the batch.
     */
    private void write(List<T> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                sink.write(batch);
                written.addAndGet(batch.size());
                pending.addAndGet(-batch.size());
                failure = null;
                return;
            } catch (Exception e) {
                if (attempt == 2) {
                    failure = "cannot write to " + where + ": " + describe(e);
                    pending.addAndGet(-batch.size());
                    drop(batch.size(), failure);
                    return;
                }
            }
        }
    }

    private void drop(int count, String reason) {
        long total = dropped.addAndGet(count);
        warning.warn("journal " + where + ": " + count + " entr" + (count == 1 ? "y" : "ies") + " not recorded, "
                + reason + "; " + total + " lost since start (llm_journal_dropped_total)");
    }

    /**
     * Stops taking new items and writes those queued, waiting at most {@code timeout}; what is still queued then is
     * dropped (and counted). Returns whether everything queued was written or dropped in time.
     */
    boolean close(Duration timeout) {
        closed = true;
        try {
            thread.join(Math.max(1, timeout.toMillis()));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** The exception's message, and its cause's where that says more (JDBC wraps the interesting part). */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message.strip();
    }
}
