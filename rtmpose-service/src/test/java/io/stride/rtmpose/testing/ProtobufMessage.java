package io.stride.rtmpose.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One protobuf message in wire format, written field by field: enough of the encoding for ONNX's proto2 schema
 * (varints, length-delimited strings, bytes and sub-messages). Repeated scalars are written one field per value,
 * which every protobuf parser accepts for proto2 fields, packed or not.
 */
final class ProtobufMessage {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int TAG_SHIFT = 3;
    private static final int SEVEN_BITS = 0x7F;
    private static final int CONTINUATION = 0x80;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An {@code int32}, {@code int64} or enum field; negative values take ten bytes, as protobuf encodes them. */
    ProtobufMessage varint(int field, long value) {
        tag(field, WIRE_VARINT);
        writeVarint(value);
        return this;
    }

    ProtobufMessage string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtobufMessage bytes(int field, byte[] value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtobufMessage message(int field, ProtobufMessage value) {
        return bytes(field, value.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        writeVarint(((long) field << TAG_SHIFT) | wireType);
    }

    private void writeVarint(long value) {
        long remaining = value;
        while ((remaining & ~SEVEN_BITS) != 0) {
            out.write((int) (remaining & SEVEN_BITS) | CONTINUATION);
            remaining >>>= 7;
        }
        out.write((int) remaining);
    }
}
