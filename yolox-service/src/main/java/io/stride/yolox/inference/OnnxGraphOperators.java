package io.stride.yolox.inference;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator types of an ONNX model's main graph, read straight from the protobuf wire format. ONNX Runtime's
 * Java API does not expose the graph, and what the graph contains is how a YOLOX export that decodes boxes
 * itself (it has an {@code Exp}) differs from one that does not: both have the same output shape.
 *
 * <p>Streams the file and skips the weights, so a large model costs no memory. Subgraphs of control-flow
 * operators are not visited.
 */
public final class OnnxGraphOperators {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int NODE_OP_TYPE = 4;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;
    private static final int TAG_TYPE_BITS = 3;
    private static final int TAG_TYPE_MASK = 7;
    private static final int VARINT_PAYLOAD_BITS = 7;
    private static final int VARINT_MORE = 0x80;
    private static final int VARINT_MAX_SHIFT = 63;
    private static final int OP_TYPE_MAX_BYTES = 1024;

    private OnnxGraphOperators() {
    }

    /** @throws UncheckedIOException when the file cannot be read or is not an ONNX model */
    public static Set<String> of(Path model) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(model))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the graph of " + model + ": " + e.getMessage(), e);
        }
    }

    /** Reads a serialized {@code ModelProto}. */
    public static Set<String> read(InputStream in) throws IOException {
        var reader = new WireReader(in);
        Set<String> operators = new TreeSet<>();
        while (!reader.atEnd()) {
            long tag = reader.varint();
            if (field(tag) == MODEL_GRAPH && wireType(tag) == LENGTH_DELIMITED) {
                readGraph(reader, reader.length(), operators);
            } else {
                reader.skipField(tag);
            }
        }
        return operators;
    }

    private static void readGraph(WireReader reader, long length, Set<String> operators) throws IOException {
        long end = reader.position() + length;
        while (reader.position() < end) {
            long tag = reader.varint();
            if (field(tag) == GRAPH_NODE && wireType(tag) == LENGTH_DELIMITED) {
                readNode(reader, reader.length(), operators);
            } else {
                reader.skipField(tag);
            }
        }
    }

    private static void readNode(WireReader reader, long length, Set<String> operators) throws IOException {
        long end = reader.position() + length;
        while (reader.position() < end) {
            long tag = reader.varint();
            if (field(tag) == NODE_OP_TYPE && wireType(tag) == LENGTH_DELIMITED) {
                operators.add(reader.string(OP_TYPE_MAX_BYTES));
            } else {
                reader.skipField(tag);
            }
        }
    }

    private static int field(long tag) {
        return (int) (tag >>> TAG_TYPE_BITS);
    }

    private static int wireType(long tag) {
        return (int) (tag & TAG_TYPE_MASK);
    }

    /** Just enough of the protobuf wire format to walk and skip fields. */
    private static final class WireReader {
        private final InputStream in;
        private long position;

        WireReader(InputStream in) {
            this.in = in;
        }

        long position() {
            return position;
        }

        boolean atEnd() throws IOException {
            in.mark(1);
            int next = in.read();
            in.reset();
            return next < 0;
        }

        long varint() throws IOException {
            long value = 0;
            for (int shift = 0; shift <= VARINT_MAX_SHIFT; shift += VARINT_PAYLOAD_BITS) {
                int b = readByte();
                value |= (long) (b & ~VARINT_MORE) << shift;
                if ((b & VARINT_MORE) == 0) {
                    return value;
                }
            }
            throw new IOException("malformed varint at byte " + position);
        }

        long length() throws IOException {
            long length = varint();
            if (length < 0) {
                throw new IOException("negative length at byte " + position);
            }
            return length;
        }

        String string(int maxBytes) throws IOException {
            long length = length();
            if (length > maxBytes) {
                throw new IOException("string of " + length + " bytes at byte " + position);
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new EOFException("truncated string at byte " + position);
            }
            position += length;
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void skipField(long tag) throws IOException {
            switch (wireType(tag)) {
                case VARINT -> varint();
                case FIXED64 -> skip(Long.BYTES);
                case LENGTH_DELIMITED -> skip(length());
                case FIXED32 -> skip(Integer.BYTES);
                default -> throw new IOException("unsupported wire type " + wireType(tag) + " at byte " + position
                        + ": not an ONNX model");
            }
        }

        private void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("truncated field at byte " + position);
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            position += count;
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("truncated varint at byte " + position);
            }
            position++;
            return b;
        }
    }
}
