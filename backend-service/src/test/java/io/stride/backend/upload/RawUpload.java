package io.stride.backend.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /upload} spoken on a socket by hand: the test decides when each byte of the body is sent, or that none
 * is, and sees whether the server answers before it (or sends {@code 100 Continue} first).
 */
final class RawUpload implements AutoCloseable {

    static final String BOUNDARY = "stride-raw-upload";
    static final int ANSWER_WAIT_SECONDS = 20;
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(ANSWER_WAIT_SECONDS);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** What the server answered: the final status, its headers, its body, and whether a 100 Continue came first. */
    record Answer(int status, Map<String, String> headers, String body, boolean continued) {
    }

    private RawUpload(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) ANSWER_WAIT.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends the request's headers for a body of {@code contentLength} bytes; no body yet. */
    static RawUpload withLength(int port, long contentLength, boolean expectContinue) throws IOException {
        var upload = new RawUpload(port);
        upload.send("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary="
                + BOUNDARY + "\r\nContent-Length: " + contentLength + "\r\n"
                + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n");
        return upload;
    }

    /** Sends the request's headers for a chunked body; no body yet. */
    static RawUpload chunked(int port) throws IOException {
        var upload = new RawUpload(port);
        upload.send("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary="
                + BOUNDARY + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        return upload;
    }

    /** The multipart body around a file's bytes: what comes before them. */
    static byte[] head(String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** What comes after the file's bytes. */
    static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static long length(String fileName, long fileBytes) {
        return head(fileName).length + fileBytes + tail().length;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends bytes as one chunk of a chunked body. */
    void sendChunk(byte[] bytes) throws IOException {
        send(Integer.toHexString(bytes.length) + "\r\n");
        send(bytes);
        send("\r\n");
    }

    void endChunks() throws IOException {
        send("0\r\n\r\n");
    }

    /**
     * Reads the answer, noting a {@code 100 Continue} before it; a server that waits for a body not sent gives none,
     * and this fails after {@value #ANSWER_WAIT_SECONDS} s.
     */
    Answer answer() throws IOException {
        boolean continued = false;
        while (true) {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            if (status == 100) {
                continued = true;
                continue;
            }
            return new Answer(status, headers, body(headers), continued);
        }
    }

    private String body(Map<String, String> headers) throws IOException {
        var body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line();
            }
            line();
        } else {
            body.writeBytes(in.readAllBytes());
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-answer: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
