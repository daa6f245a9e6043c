package io.stride.rtsp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RTSP client on a plain {@link Socket}, for protocol-level tests: it writes exactly the bytes a test asks for
 * and reads replies and interleaved frames one at a time.
 */
final class RawRtspClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 5_000;

    /** A reply: status code and headers (names case-insensitive) and body. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        /** The session id of a {@code Session:} header, without {@code ;timeout=}. */
        String session() {
            String value = headers.get("Session");
            return value == null ? null : value.split(";")[0];
        }
    }

    /** An interleaved frame as received. */
    record Frame(int channel, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String baseUrl;
    private int cseq = 1;

    private RawRtspClient(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        this.baseUrl = "rtsp://127.0.0.1:" + port;
    }

    static RawRtspClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** @param receiveBufferBytes 0 for the default; a small value makes a reader that stops reading stall sooner */
    static RawRtspClient connect(int port, int receiveBufferBytes) throws IOException {
        return connect(null, port, receiveBufferBytes);
    }

    /**
     * Connects from a loopback address of the test's choosing, e.g. {@code 127.0.0.2} (Linux routes all of
     * 127/8 to the loopback interface): the server counts connections and UDP ports per client address.
     */
    static RawRtspClient connectFrom(String sourceAddress, int port) throws IOException {
        return connect(sourceAddress, port, 0);
    }

    private static RawRtspClient connect(String sourceAddress, int port, int receiveBufferBytes) throws IOException {
        var socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        if (sourceAddress != null) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new RawRtspClient(socket, port);
    }

    String url(String path) {
        return baseUrl + path;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Sends a request with the next CSeq and the given extra header lines, and reads its reply. */
    Reply request(String method, String url, String... headerLines) throws IOException {
        send(method, url, null, null, headerLines);
        return readReply();
    }

    Reply requestWithBody(String method, String url, String contentType, String body, String... headerLines)
            throws IOException {
        send(method, url, contentType, body, headerLines);
        return readReply();
    }

    void send(String method, String url, String contentType, String body, String... headerLines) throws IOException {
        out.write(requestBytes(method, url, contentType, body, headerLines));
        out.flush();
    }

    /** Sends interleaved frames and then a request in one write, so the server reads them together. */
    Reply sendFramesThenRequest(int channel, List<byte[]> payloads, String method, String url, String... headerLines)
            throws IOException {
        var bytes = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            bytes.write(frameBytes(channel, payload));
        }
        bytes.write(requestBytes(method, url, null, null, headerLines));
        sendRaw(bytes.toByteArray());
        return readReply();
    }

    private byte[] requestBytes(String method, String url, String contentType, String body, String... headerLines) {
        var text = new StringBuilder();
        text.append(method).append(' ').append(url).append(" RTSP/1.0\r\n");
        text.append("CSeq: ").append(cseq++).append("\r\n");
        for (String line : headerLines) {
            text.append(line).append("\r\n");
        }
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
            text.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(head, head.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, request, head.length, bodyBytes.length);
        return request;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendRaw(String text) throws IOException {
        sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendFrame(int channel, byte[] payload) throws IOException {
        out.write(frameBytes(channel, payload));
        out.flush();
    }

    private static byte[] frameBytes(int channel, byte[] payload) {
        var frame = new byte[4 + payload.length];
        frame[0] = '$';
        frame[1] = (byte) channel;
        frame[2] = (byte) (payload.length >> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        return frame;
    }

    /** Reads the next reply; interleaved frames before it are skipped. */
    Reply readReply() throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            if (first == '$') {
                readFrameBody();
                continue;
            }
            return readReplyAfter(first);
        }
    }

    /** Reads the next reply, or returns null when none starts within the given time. */
    Reply readReplyWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        int first;
        try {
            first = in.readUnsignedByte();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
        return readReplyAfter(first);
    }

    /** Reads the next interleaved frame; fails if a reply comes first. */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        if (first != '$') {
            throw new IOException("expected an interleaved frame, got a reply: " + readReplyAfter(first));
        }
        return readFrameBody();
    }

    /** Reads the next frame, or returns null when none arrives within the given time. */
    Frame readFrameWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return readFrame();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    /** Whether the server closes the connection within the read timeout (everything before EOF is discarded). */
    boolean closedByServer() {
        try {
            while (in.read() >= 0) {
                // Discard.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Whether the server has closed the connection (or closes it within the given time) without sending anything. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    private Frame readFrameBody() throws IOException {
        int channel = in.readUnsignedByte();
        int length = in.readUnsignedShort();
        var payload = new byte[length];
        in.readFully(payload);
        return new Frame(channel, payload);
    }

    private Reply readReplyAfter(int first) throws IOException {
        String statusLine = (char) first + readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("RTSP/")) {
            throw new IOException("not an RTSP reply: " + statusLine);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
        var body = new byte[length];
        in.readFully(body);
        return new Reply(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a reply");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    /** Closes with a TCP reset instead of an orderly shutdown: a player that crashed or lost its network. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
