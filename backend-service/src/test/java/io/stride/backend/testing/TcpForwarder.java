package io.stride.backend.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback port that, once opened, forwards every connection to another port: a broker address that a test can
 * make reachable later. Kafka clients use it only to bootstrap; they then connect to the broker's advertised port.
 */
public final class TcpForwarder implements AutoCloseable {

    private final int port;
    private final int target;
    private ServerSocket server;

    /** A forwarder on a free port, not listening yet. */
    public TcpForwarder(int target) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        this.target = target;
    }

    public int port() {
        return port;
    }

    /** Starts listening and forwarding. */
    public synchronized void open() throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "forwarder-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
