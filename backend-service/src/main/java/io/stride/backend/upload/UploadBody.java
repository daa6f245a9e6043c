package io.stride.backend.upload;

import io.stride.backend.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.MultipartStream;
import org.apache.tomcat.util.http.fileupload.impl.FileUploadIOException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * The multipart body of {@code POST /upload}, read once as it arrives: the {@code file} part goes straight to where
 * the task keeps its upload, so a 2 GB upload takes 2 GB of the jobs volume and nothing elsewhere (no spool file,
 * no second copy). Spring's multipart support is off ({@code spring.servlet.multipart.enabled=false}) so that
 * nothing reads the body before this does; its size limits ({@code spring.servlet.multipart.max-file-size},
 * {@code max-request-size}) still apply, here.
 *
 * <p>The parts are found by Commons FileUpload's streaming parser as Tomcat ships it (the server this service runs
 * on), so there is no dependency to add. The file is stored, and the {@code options} JSON kept in memory up to its
 * limit, only while the form is still acceptable; a refused form's remaining parts are read but not kept, so that its
 * refusal names its first fault ({@link UploadForm.Fields}).
 */
final class UploadBody {

    private static final int BUFFER_BYTES = 64 * 1024;

    /**
     * @param maxFileBytes    largest file accepted, negative for no limit
     * @param maxRequestBytes largest request body accepted, negative for no limit
     */
    record SizeLimits(long maxFileBytes, long maxRequestBytes) {

        /** The refusal clients see for either limit: the file's, which is the one users meet. */
        MaxUploadSizeExceededException exceeded() {
            return new MaxUploadSizeExceededException(maxFileBytes);
        }
    }

    /**
     * The form received: the client's name for the file (null when it gave none), the file's size, and the
     * {@code options} field (null when absent).
     */
    record StoredFile(String clientName, long bytes, String options) {
    }

    private UploadBody() {
    }

    /**
     * Refuses a body whose declared length is over the limit, before a byte of it is read.
     *
     * @throws MaxUploadSizeExceededException 413
     */
    static void checkDeclaredLength(HttpServletRequest request, SizeLimits limits) {
        long length = request.getContentLengthLong();
        if (limits.maxRequestBytes() >= 0 && length > limits.maxRequestBytes()) {
            throw limits.exceeded();
        }
    }

    /**
     * Reads the whole body and writes its {@code file} part to {@code target}. On failure the caller removes
     * {@code target}, which may hold part of the file.
     *
     * @throws ApiException                          400 for another field or a second file, 507 when the file
     *                                               cannot be written
     * @throws MissingServletRequestPartException    when there is no {@code file} part (400)
     * @throws MaxUploadSizeExceededException        when the body or the file grows over the limit (413)
     * @throws MultipartException                    when the body is not multipart or is malformed (400)
     */
    static StoredFile storeFile(HttpServletRequest request, Path target, SizeLimits limits, int maxOptionsBytes)
            throws MissingServletRequestPartException {
        var parser = new FileUpload();
        parser.setSizeMax(limits.maxRequestBytes());
        parser.setFileSizeMax(limits.maxFileBytes());
        try {
            FileItemIterator parts = parser.getItemIterator(new ServletRequestContext(request));
            var fields = new UploadForm.Fields();
            String clientName = null;
            long bytes = 0;
            String options = null;
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                boolean acceptable = fields.add(part.getFieldName());
                try (InputStream content = part.openStream()) {
                    if (acceptable && UploadForm.FILE_FIELD.equals(part.getFieldName())) {
                        clientName = part.getName();
                        bytes = copy(content, target);
                    } else if (acceptable) {
                        options = readOptions(content, maxOptionsBytes);
                    } else {
                        // Refused whatever comes; read on, storing nothing, to name the fault as precisely.
                        content.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
            fields.check();
            return new StoredFile(clientName, bytes, options);
        } catch (SizeException e) {
            throw limits.exceeded();
        } catch (FileUploadIOException e) {
            throw e.getCause() instanceof SizeException ? limits.exceeded() : cutShort(e);
        } catch (FileUploadException | MultipartStream.MalformedStreamException e) {
            throw new MultipartException("malformed multipart body: " + e.getMessage(), e);
        } catch (IOException e) {
            throw cutShort(e);
        }
    }

    /** The options field as UTF-8 text, refused when longer than the limit. */
    private static String readOptions(InputStream content, int maxBytes) throws IOException {
        byte[] bytes = content.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw ApiException.badRequest("options: longer than " + maxBytes + " bytes");
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Copies the part to the file. A failure to read is the request's (thrown as is); a failure to write is the
     * disk's, 507.
     */
    private static long copy(InputStream content, Path target) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        try (OutputStream out = open(target)) {
            int read;
            while ((read = content.read(buffer)) >= 0) {
                write(out, buffer, read);
                total += read;
            }
        } catch (DiskException e) {
            throw new ApiException(HttpStatus.INSUFFICIENT_STORAGE, "cannot store the upload: " + e.getMessage());
        }
        return total;
    }

    private static OutputStream open(Path target) throws DiskException {
        try {
            Files.createDirectories(target.getParent());
            return Files.newOutputStream(target);
        } catch (IOException e) {
            throw new DiskException(e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int length) throws DiskException {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new DiskException(e);
        }
    }

    private static ApiException cutShort(IOException e) {
        return ApiException.badRequest("the upload was cut short: " + e.getMessage());
    }

    /** Writing the upload failed: the disk's fault, not the request's. */
    private static final class DiskException extends IOException {
        DiskException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
