package io.stride.rtmpose.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a single-graph ONNX model (default domain, one opset) and writes it as a {@code ModelProto}, encoded by
 * hand from the field numbers of {@code onnx/onnx.proto}: no protobuf or onnx library is needed to make a model
 * ONNX Runtime can load.
 */
public final class OnnxModelWriter {

    /** A dimension whose size is given at run time, written as a named symbolic dimension. */
    public static final long DYNAMIC = -1;

    /** {@code TensorProto.DataType} values. */
    public static final int FLOAT = 1;
    public static final int INT64 = 7;

    /** IR version 7 is the one that goes with opset 13 (ONNX 1.8). */
    private static final long IR_VERSION = 7;

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int ATTRIBUTE_TYPE_INT = 2;
    private static final int ATTRIBUTE_TYPE_INTS = 7;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private final String graphName;
    private final long opset;
    private final List<ProtobufMessage> nodes = new ArrayList<>();
    private final List<ProtobufMessage> initializers = new ArrayList<>();
    private final List<ProtobufMessage> inputs = new ArrayList<>();
    private final List<ProtobufMessage> outputs = new ArrayList<>();

    public OnnxModelWriter(String graphName, long opset) {
        this.graphName = graphName;
        this.opset = opset;
    }

    /** A node attribute; build with {@link #intAttribute} or {@link #intsAttribute}. */
    public static final class Attribute {
        private final ProtobufMessage message;

        private Attribute(ProtobufMessage message) {
            this.message = message;
        }
    }

    public static Attribute intAttribute(String name, long value) {
        return new Attribute(new ProtobufMessage()
                .string(ATTRIBUTE_NAME, name)
                .varint(ATTRIBUTE_I, value)
                .varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT));
    }

    public static Attribute intsAttribute(String name, long... values) {
        ProtobufMessage attribute = new ProtobufMessage().string(ATTRIBUTE_NAME, name);
        for (long value : values) {
            attribute.varint(ATTRIBUTE_INTS, value);
        }
        return new Attribute(attribute.varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS));
    }

    /** A graph input; {@link #DYNAMIC} dimensions get the symbolic name {@code N}. */
    public OnnxModelWriter input(String name, int elementType, long... dims) {
        inputs.add(valueInfo(name, elementType, dims));
        return this;
    }

    /** A graph output; {@link #DYNAMIC} dimensions get the symbolic name {@code N}. */
    public OnnxModelWriter output(String name, int elementType, long... dims) {
        outputs.add(valueInfo(name, elementType, dims));
        return this;
    }

    /** A constant int64 tensor, stored little-endian in {@code raw_data}. */
    public OnnxModelWriter int64Initializer(String name, long[] dims, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            raw.putLong(value);
        }
        ProtobufMessage tensor = new ProtobufMessage();
        for (long dim : dims) {
            tensor.varint(TENSOR_DIMS, dim);
        }
        initializers.add(tensor
                .varint(TENSOR_DATA_TYPE, INT64)
                .string(TENSOR_NAME, name)
                .bytes(TENSOR_RAW_DATA, raw.array()));
        return this;
    }

    /** A node of the default ONNX domain; nodes must be added in topological order. */
    public OnnxModelWriter node(String opType, List<String> nodeInputs, List<String> nodeOutputs,
                                Attribute... attributes) {
        ProtobufMessage node = new ProtobufMessage();
        nodeInputs.forEach(in -> node.string(NODE_INPUT, in));
        nodeOutputs.forEach(out -> node.string(NODE_OUTPUT, out));
        node.string(NODE_NAME, opType + "_" + nodes.size()).string(NODE_OP_TYPE, opType);
        for (Attribute attribute : attributes) {
            node.message(NODE_ATTRIBUTE, attribute.message);
        }
        nodes.add(node);
        return this;
    }

    public byte[] toByteArray() {
        ProtobufMessage graph = new ProtobufMessage();
        nodes.forEach(node -> graph.message(GRAPH_NODE, node));
        graph.string(GRAPH_NAME, graphName);
        initializers.forEach(tensor -> graph.message(GRAPH_INITIALIZER, tensor));
        inputs.forEach(value -> graph.message(GRAPH_INPUT, value));
        outputs.forEach(value -> graph.message(GRAPH_OUTPUT, value));
        return new ProtobufMessage()
                .varint(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "stride-rtmpose-tests")
                .message(MODEL_GRAPH, graph)
                .message(MODEL_OPSET_IMPORT, new ProtobufMessage()
                        .string(OPSET_DOMAIN, "")
                        .varint(OPSET_VERSION, opset))
                .toByteArray();
    }

    public Path write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.write(file, toByteArray());
    }

    private static ProtobufMessage valueInfo(String name, int elementType, long... dims) {
        ProtobufMessage shape = new ProtobufMessage();
        for (long dim : dims) {
            shape.message(SHAPE_DIM, dim == DYNAMIC
                    ? new ProtobufMessage().string(DIM_PARAM, "N")
                    : new ProtobufMessage().varint(DIM_VALUE, dim));
        }
        ProtobufMessage tensorType = new ProtobufMessage()
                .varint(TENSOR_TYPE_ELEM_TYPE, elementType)
                .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtobufMessage()
                .string(VALUE_INFO_NAME, name)
                .message(VALUE_INFO_TYPE, new ProtobufMessage().message(TYPE_TENSOR_TYPE, tensorType));
    }
}
