package dev.llmservice.redis;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test opened (replicas, Redis, orchestrators), closed at its end, the last opened first. */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** {@code resource}, to be closed at the end. */
    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }
}
