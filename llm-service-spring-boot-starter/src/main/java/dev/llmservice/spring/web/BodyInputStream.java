package dev.llmservice.spring.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A request body already read into memory, served as the request's stream by the filters that read bodies before
 * the request is handled ({@link BodyBufferingFilter}, {@link RequestSizeLimitFilter}). Always ready; a read
 * listener is told at once that all of it is there.
 */
final class BodyInputStream extends ServletInputStream {

    private final ByteArrayInputStream in;

    BodyInputStream(byte[] body) {
        this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
    }

    @Override
    public boolean isFinished() {
        return in.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        try {
            listener.onDataAvailable();
            listener.onAllDataRead();
        } catch (IOException e) {
            listener.onError(e);
        }
    }
}
