package io.stride.annotation.preview;

import java.nio.charset.StandardCharsets;

/**
 * One part of a {@code multipart/x-mixed-replace} stream, the MJPEG form browsers show in an {@code <img>}:
 * each part replaces the image shown before it.
 */
final class MjpegPart {

    /** Separates the parts; named in the response's content type. */
    static final String BOUNDARY = "stride-frame";
    static final String CONTENT_TYPE = "multipart/x-mixed-replace;boundary=" + BOUNDARY;

    private MjpegPart() {
    }

    /** The boundary line, the part's headers, the JPEG and the line break that ends the part. */
    static byte[] of(byte[] jpeg) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] part = new byte[head.length + jpeg.length + 2];
        System.arraycopy(head, 0, part, 0, head.length);
        System.arraycopy(jpeg, 0, part, head.length, jpeg.length);
        part[part.length - 2] = '\r';
        part[part.length - 1] = '\n';
        return part;
    }
}
