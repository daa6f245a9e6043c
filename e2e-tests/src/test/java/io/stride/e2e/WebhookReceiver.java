package io.stride.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback (JDK {@link HttpServer}) that records every request it gets, answers {@code 500} to
 * the first {@code failuresOfFirstEvent} attempts of the first event it sees and {@code 200} to everything else,
 * and checks each request's {@code X-Stride-Signature} against the secret as docs/analytics.md tells a receiver to.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final int OK = 200;
    private static final int SERVER_ERROR = 500;

    /** One request as received, and what it was answered. */
    public record Request(String eventId, String body, boolean signatureValid, int answered) {
    }

    private final HttpServer server;
    private final byte[] secret;
    private final int failuresOfFirstEvent;
    private final List<Request> requests = new ArrayList<>();
    private String firstEventId;
    private int failuresGiven;

    private WebhookReceiver(String secret, int failuresOfFirstEvent) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.failuresOfFirstEvent = failuresOfFirstEvent;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::receive);
        server.start();
    }

    public static WebhookReceiver start(String secret, int failuresOfFirstEvent) throws IOException {
        return new WebhookReceiver(secret, failuresOfFirstEvent);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every request so far, in the order received. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until an attempt of {@code eventId} was answered 200. */
    public void awaitDelivered(String eventId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests().stream().noneMatch(r -> r.eventId().equals(eventId) && r.answered() == OK)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(eventId + " not delivered within " + timeout + "; received "
                        + requests().stream().map(Request::eventId).toList());
            }
            Thread.sleep(100);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String eventId = exchange.getRequestHeaders().getFirst("X-Stride-Event-Id");
        boolean valid = signatureValid(body, exchange.getRequestHeaders().getFirst("X-Stride-Signature"));
        int status;
        synchronized (this) {
            if (firstEventId == null) {
                firstEventId = eventId;
            }
            boolean fail = eventId != null && eventId.equals(firstEventId) && failuresGiven < failuresOfFirstEvent;
            failuresGiven += fail ? 1 : 0;
            status = fail ? SERVER_ERROR : OK;
            requests.add(new Request(eventId, new String(body, StandardCharsets.UTF_8), valid, status));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private boolean signatureValid(byte[] body, String header) {
        if (header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String hex = HexFormat.of().formatHex(mac.doFinal(body));
            byte[] expected = ("sha256=" + hex).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
