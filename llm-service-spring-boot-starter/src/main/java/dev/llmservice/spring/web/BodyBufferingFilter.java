package dev.llmservice.spring.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads each request's body before the request is handled, without holding a thread while it arrives, so that
 * clients that send their headers and part of a body and then wait cannot take every worker thread from everyone
 * else. The servlet API reads bodies blocking: a controller (or Tomcat, draining a body nobody read) would wait on
 * each such connection with a thread, and with Tomcat's 200 threads taken, health and consensus waited for all.
 *
 * <p>How: a body that came whole with its headers ({@code Content-Length} declared, every byte already in the
 * container's buffer, as for most API calls) is taken from there and the request goes on at once. Any other request
 * with a body ({@code Content-Length} above 0, or {@code Transfer-Encoding}) is put into asynchronous mode, with what
 * had arrived, and the rest of its body read with a {@link ReadListener} as the bytes come in; Tomcat's poller
 * watches the connection meanwhile, and no thread waits. When the body is complete, the request is dispatched again
 * and goes on through the rest of the filters and the servlet with the body in memory, looking like the request it
 * was ({@link DispatcherType#REQUEST}: the filters after this one have not seen it yet). A client that has not sent its
 * whole body within {@code timeout} gets 408; a body larger than {@code maxBytes} gets 413, unread when its
 * {@code Content-Length} says so, at the first byte past the limit when it comes without one. These answers are
 * written in async mode, after which Tomcat closes the connection at once; written on the request's own dispatch,
 * Tomcat would first drain the rest of the body, with a thread.
 *
 * <p><b>Bodies in memory are bounded together</b>, not only one by one: a request's body counts against a budget of
 * bytes ({@code bufferedBytes}; by default a tenth of the JVM's maximum heap, and never less than {@code maxBytes}, so
 * one body of the largest size always fits) from the moment it is accepted until its request has been handled. A
 * body that would pass the budget is answered 503 with {@code Retry-After: 1}, unread. Without it, 32 clients
 * sending 4 MiB bodies at once ran a 128 MB heap out of memory, after which the server answered nobody (BENCHMARKS.md,
 * "Lean server"); handling a body takes several times its size (the JSON tree, the candles, the prompt).
 *
 * <p>Register it first (highest precedence), for the {@code REQUEST} and {@code ASYNC} dispatcher types, in an
 * application whose filters are registered for {@code ASYNC} dispatches too (Spring's {@code OncePerRequestFilter}s
 * are): a filter registered for {@code REQUEST} dispatches only does not see requests with a body. The body is held in
 * memory, so this is not for uploads: multipart parts are not available behind it. Form parameters of an
 * {@code application/x-www-form-urlencoded} body are.
 */
public class BodyBufferingFilter implements Filter {

    static final String BODY_ATTRIBUTE = BodyBufferingFilter.class.getName() + ".body";
    private static final int CHUNK = 8192;
    /** The most a body's buffer starts with when its length is declared. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private final Duration timeout;
    private final int maxBytes;
    private final long bufferedBytes;
    /** Bytes of the bodies accepted and not yet handled: never above {@link #bufferedBytes}. */
    private final AtomicLong held = new AtomicLong();

    /**
     * With the default budget for bodies in memory: a tenth of the JVM's maximum heap, at least {@code maxBytes}.
     *
     * @param timeout  how long a client may take to send a whole body; greater than 0
     * @param maxBytes the largest body accepted, read ahead into memory; at least 1
     */
    public BodyBufferingFilter(Duration timeout, int maxBytes) {
        this(timeout, maxBytes, defaultBufferedBytes(maxBytes, Runtime.getRuntime().maxMemory()));
    }

    /**
     * @param timeout       how long a client may take to send a whole body; greater than 0
     * @param maxBytes      the largest body accepted, read ahead into memory; at least 1
     * @param bufferedBytes the most bytes of bodies held at once, from acceptance until their requests are handled;
     *                      at least {@code maxBytes}
     */
    public BodyBufferingFilter(Duration timeout, int maxBytes, long bufferedBytes) {
        if (timeout.isZero() || timeout.isNegative() || maxBytes < 1) {
            throw new IllegalArgumentException("timeout was '" + timeout + "' and maxBytes '" + maxBytes
                    + "' but both must be greater than 0");
        }
        if (bufferedBytes < maxBytes) {
            throw new IllegalArgumentException("bufferedBytes was " + bufferedBytes + " but it must be at least "
                    + "maxBytes (" + maxBytes + "), or no body of the largest size could ever be read");
        }
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.bufferedBytes = bufferedBytes;
    }

    /** A tenth of {@code maxHeap}, at least {@code maxBytes}. */
    static long defaultBufferedBytes(int maxBytes, long maxHeap) {
        return Math.max(maxBytes, maxHeap / 10);
    }

    /** Bytes of request bodies held now, accepted and not yet handled. */
    public long heldBytes() {
        return held.get();
    }

    /** Takes {@code bytes} from the budget if they fit. */
    private boolean take(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > bufferedBytes) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getDispatcherType() == DispatcherType.ASYNC
                && request.getAttribute(BODY_ATTRIBUTE) instanceof Held body) {
            request.removeAttribute(BODY_ATTRIBUTE);
            try {
                chain.doFilter(new BufferedBodyRequest(request, body.bytes()), response);
            } finally {
                body.hold().release();
            }
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !request.isAsyncSupported() || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        Hold hold = new Hold();
        byte[] body = null;
        int length = 0;
        if (declared > 0 && declared <= maxBytes && hold.grow(declared)) {
            // The usual body came with its headers and is in the container's buffer already: taken from there on
            // this thread, the request goes on without the asynchronous round (its second dispatch cost 7-15% of
            // the server's CPU per consensus; BENCHMARKS.md, "Lean server"). Whatever has not arrived yet is read as
            // it comes, below.
            body = new byte[(int) Math.min(declared, FIRST_BUFFER)];
            try {
                length = readArrived(request.getInputStream(), body);
            } catch (IOException clientGone) {
                hold.release();
                return;  // no one to answer
            }
            if (length == declared) {
                try {
                    chain.doFilter(new BufferedBodyRequest(request, body), response);
                } finally {
                    hold.release();
                }
                return;
            }
        }
        AsyncContext async = request.startAsync();
        if (declared > maxBytes) {
            // Refused unread, and answered in async mode: Tomcat then closes the connection at once. Answered on
            // this dispatch, it would first drain the unread body (up to 2 MB past Content-Length) with a thread.
            ProblemResponse.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body too large", "the request body is " + declared + " bytes (Content-Length), more "
                            + "than the " + maxBytes + " bytes this server reads", Map.of());
            async.complete();
            return;
        }
        if (declared > 0 && body == null) {
            // The budget had no room for it.
            busy(request, response, declared);
            async.complete();
            return;
        }
        async.setTimeout(timeout.toMillis());
        BodyReader reader = new BodyReader(request, response, async, hold, body, length);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    /**
     * Reads into {@code body} what has arrived of it, without waiting: {@link InputStream#available()} above 0 means
     * the next read returns at once. Returns how many bytes were read; stops when {@code body} is full.
     */
    private static int readArrived(ServletInputStream in, byte[] body) throws IOException {
        int length = 0;
        while (length < body.length && in.available() > 0) {
            int n = in.read(body, length, body.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return length;
    }

    /** 503, unread (in async mode Tomcat then closes the connection): the body would pass the budget. */
    private void busy(HttpServletRequest request, HttpServletResponse response, long bytes) throws IOException {
        response.setHeader("Retry-After", "1");
        ProblemResponse.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Server busy",
                "the server is holding " + held.get() + " bytes of other request bodies, and this one (" + bytes
                        + " bytes so far) would pass the " + bufferedBytes + " bytes it holds at once; retry in a "
                        + "second", Map.of());
    }

    /** What one request holds of the budget: grown as its body is accepted, given back once. */
    private final class Hold {
        /** Written by the threads that read the body, one after another; read by the one that releases. */
        private volatile long bytes;
        private final AtomicBoolean released = new AtomicBoolean();

        /** Grows this hold to {@code total} bytes, if the budget has room for the difference. */
        boolean grow(long total) {
            if (total <= bytes) {
                return true;
            }
            if (!take(total - bytes)) {
                return false;
            }
            bytes = total;
            return true;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                held.addAndGet(-bytes);
            }
        }
    }

    /** A body read whole, and its hold of the budget, until its request has been handled. */
    private record Held(byte[] bytes, Hold hold) {
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Collects the body as it arrives, then dispatches the request again; or answers 408/413 and completes. */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final Hold hold;
        private final ServletInputStream in;
        /**
         * The body so far: its first {@code length} bytes, read straight into it. The container calls back one
         * thread at a time, maybe a different one each time: the callbacks that touch these are synchronized.
         */
        private byte[] body;
        private int length;
        /** Set once, by whichever ends the reading first: the whole body, a refusal, the timeout, an error. */
        private final AtomicBoolean done = new AtomicBoolean();

        /**
         * @param arrived the body's buffer with its first {@code length} bytes read already (when they came with the
         *                headers), or null to start one here
         */
        BodyReader(HttpServletRequest request, HttpServletResponse response, AsyncContext async, Hold hold,
                   byte[] arrived, int length) throws IOException {
            this.hold = hold;
            this.request = request;
            this.response = response;
            this.async = async;
            this.in = request.getInputStream();
            // Sized by the declared length up to FIRST_BUFFER (the usual body then fills it exactly and is handed on
            // without a copy), and grown as bytes arrive beyond that: a client that declares a megabyte and sends
            // nothing must not cost a megabyte.
            long declared = request.getContentLengthLong();
            this.body = arrived != null ? arrived
                    : new byte[declared > 0 ? (int) Math.min(declared, FIRST_BUFFER) : CHUNK];
            this.length = length;
        }

        @Override
        public synchronized void onDataAvailable() throws IOException {
            while (!done.get() && in.isReady() && !in.isFinished()) {
                if (length == body.length) {
                    // One byte past the limit is enough to know the body is too large.
                    long larger = Math.min(2L * body.length, maxBytes + 1L);
                    body = Arrays.copyOf(body, (int) Math.min(larger, Integer.MAX_VALUE - 8));
                }
                int n = in.read(body, length, body.length - length);
                if (n < 0) {
                    return;
                }
                if ((long) length + n > maxBytes) {
                    refuse(413, "Request body too large", "the request body is longer than the " + maxBytes
                            + " bytes this server reads; it was not read further");
                    return;
                }
                if (!hold.grow(length + n)) {
                    // A body without a length: counted as it comes.
                    if (done.compareAndSet(false, true)) {
                        // Its bytes are given back before the answer goes out: a client that reads the 503 and
                        // sends again finds them free.
                        hold.release();
                        try {
                            busy(request, response, length + n);
                        } catch (IOException | IllegalStateException e) {
                            // The client is gone: there is no one to tell.
                        }
                        async.complete();
                    }
                    return;
                }
                length += n;
            }
        }

        @Override
        public synchronized void onAllDataRead() {
            if (done.compareAndSet(false, true)) {
                byte[] whole = length == body.length ? body : Arrays.copyOf(body, length);
                request.setAttribute(BODY_ATTRIBUTE, new Held(whole, hold));
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            if (t instanceof SocketTimeoutException) {
                timedOut();
            } else if (done.compareAndSet(false, true)) {
                hold.release();
                async.complete();  // the client is gone: no one to answer
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            timedOut();
        }

        private void timedOut() {
            refuse(408, "Request Timeout", "the request body did not arrive within " + seconds(timeout)
                    + "; send it with the headers");
        }

        /** In async mode, 408 and 413 make Tomcat close the connection at once instead of draining the body. */
        private void refuse(int status, String title, String detail) {
            if (done.compareAndSet(false, true)) {
                try {
                    ProblemResponse.write(request, response, status, title, detail, Map.of());
                } catch (IOException | IllegalStateException e) {
                    // The client is gone: there is no one to tell.
                }
                hold.release();
                async.complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (done.compareAndSet(false, true)) {
                hold.release();
                async.complete();
            }
        }

        /** Whatever way the request ended, its hold is given back (at the latest here; once). */
        @Override
        public void onComplete(AsyncEvent event) {
            hold.release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * The request with its body in memory, seen by the filters and the servlet after this filter as the request it
     * was: its first pass ({@code REQUEST}), the body readable as a stream or a reader, form parameters included.
     */
    static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private Map<String, String[]> parameters;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BodyInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            return encoding != null ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        /** The query's parameters (the container's), then a form body's, as the container would have merged them. */
        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> merged = new LinkedHashMap<>(super.getParameterMap());
                String type = getContentType();
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    Charset charset = getCharacterEncoding() != null ? charset() : StandardCharsets.UTF_8;
                    for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                        if (pair.isEmpty()) {
                            continue;
                        }
                        int eq = pair.indexOf('=');
                        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                        merged.merge(name, new String[] {value}, BufferedBodyRequest::concat);
                    }
                }
                parameters = Collections.unmodifiableMap(merged);
            }
            return parameters;
        }

        private static String[] concat(String[] a, String[] b) {
            String[] all = new String[a.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
