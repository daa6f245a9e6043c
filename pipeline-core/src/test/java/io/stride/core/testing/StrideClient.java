package io.stride.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The backend's HTTP API as a web client uses it: multipart upload, status polling, result download. */
public final class StrideClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public StrideClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /upload} with the bytes as multipart field {@code fieldName}. */
    public HttpResponse<String> upload(String fieldName, String fileName, byte[] content) {
        return upload(fieldName, fileName, content, null);
    }

    /** {@code POST /upload} of the file with the task's {@code options} (JSON) after it. */
    public HttpResponse<String> upload(Path file, String options) throws IOException {
        return upload("file", file.getFileName().toString(), Files.readAllBytes(file), options);
    }

    private HttpResponse<String> upload(String fieldName, String fileName, byte[] content, String options) {
        String boundary = "stride-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fieldName
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        if (options != null) {
            write(body, "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n"
                    + options);
        }
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> upload(Path file) throws IOException {
        return upload("file", file.getFileName().toString(), Files.readAllBytes(file));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST} of a JSON body. */
    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String range) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
