package io.stride.yolox.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OnnxGraphOperatorsTest {

    @Test
    void listsTheOperatorTypesOfTheMainGraphAndSkipsEverythingElse() throws IOException {
        byte[] node1 = concat(string(3, "conv_1"), string(4, "Conv"), string(7, ""));
        byte[] node2 = concat(string(1, "x"), string(4, "Exp"));
        byte[] initializer = concat(varint(1, 3), bytes(9, new byte[5000]));
        byte[] graph = concat(bytes(1, node1), string(2, "main"), bytes(5, initializer), bytes(1, node2));
        byte[] model = concat(varint(1, 7), string(2, "pytorch"), fixed64(3), fixed32(4), bytes(7, graph),
                bytes(8, concat(varint(2, 11))));

        assertThat(OnnxGraphOperators.read(new ByteArrayInputStream(model))).containsExactly("Conv", "Exp");
    }

    @Test
    void rejectsBytesThatAreNotAModel() {
        byte[] group = {(byte) ((1 << 3) | 3)}; // deprecated start-group wire type, never in ONNX

        assertThatThrownBy(() -> OnnxGraphOperators.read(new ByteArrayInputStream(group)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void rejectsATruncatedModel() {
        byte[] truncated = {(byte) ((7 << 3) | 2), 50, (byte) ((1 << 3) | 2)};

        assertThatThrownBy(() -> OnnxGraphOperators.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theSharedYoloxNanoExportHasNoDecodeStep() {
        var operators = OnnxGraphOperators.of(SharedData.model(SharedData.YOLOX_NANO));

        assertThat(operators).contains("Conv", "Sigmoid", "Concat").doesNotContain("Exp");
    }

    @Test
    void theRtmdetExportHasItsNmsInTheGraph() {
        var operators = OnnxGraphOperators.of(SharedData.model("rtmdet-nano-person/end2end.onnx"));

        assertThat(operators).contains("Conv", "NonMaxSuppression");
    }

    private static byte[] tag(int field, int wireType) {
        return varintBytes((long) field << 3 | wireType);
    }

    private static byte[] varint(int field, long value) {
        return concat(tag(field, 0), varintBytes(value));
    }

    private static byte[] fixed64(int field) {
        return concat(tag(field, 1), new byte[8]);
    }

    private static byte[] fixed32(int field) {
        return concat(tag(field, 5), new byte[4]);
    }

    private static byte[] string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int field, byte[] value) {
        return concat(tag(field, 2), varintBytes(value.length), value);
    }

    private static byte[] varintBytes(long value) {
        var out = new ByteArrayOutputStream();
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
