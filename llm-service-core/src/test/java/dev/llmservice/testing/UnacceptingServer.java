package dev.llmservice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on 127.0.0.1 where a connection is never made: the listener never accepts, and its accept queue (backlog 1)
 * is already full with connections of its own, so Linux ignores the next connection's SYN and the client waits, as
 * it would for a vendor behind a firewall that drops packets. Where the system refuses instead, a client sees
 * "connection refused".
 */
public final class UnacceptingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> queued = new ArrayList<>();

    public UnacceptingServer() {
        try {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            // Linux queues backlog + 1 connections; one more attempt shows that the queue is full.
            for (int i = 0; i < 3; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), 100);
                    queued.add(filler);
                } catch (IOException full) {
                    filler.close();
                    break;
                }
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() {
        for (Socket s : queued) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
