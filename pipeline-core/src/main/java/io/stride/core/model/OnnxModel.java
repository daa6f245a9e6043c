package io.stride.core.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX Runtime session created once per service and reused for every frame. Chooses the CUDA execution
 * provider when asked or when {@code auto} finds a usable GPU, the CPU provider otherwise, and logs the choice.
 */
public final class OnnxModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxModel.class);

    private final Path file;
    private final OrtSession session;
    private final ExecutionProvider provider;

    /** What actually runs the graph. */
    public enum ExecutionProvider { CPU, CUDA }

    private OnnxModel(Path file, OrtSession session, ExecutionProvider provider) {
        this.file = file;
        this.session = session;
        this.provider = provider;
    }

    /** @throws ModelLoadException with a message naming the file when it is missing or not a usable model */
    public static OnnxModel load(Path file, InferenceProperties inference) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model file not found: " + file.toAbsolutePath()
                    + " (run scripts/download_models.sh or set the model path)");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            if (inference.device() != InferenceProperties.Device.CPU) {
                try {
                    OrtSession session = env.createSession(file.toString(), options(inference, true));
                    log.info("Model {} runs on CUDA device {}", file.getFileName(), inference.gpuDeviceId());
                    return new OnnxModel(file, session, ExecutionProvider.CUDA);
                } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                    if (inference.device() == InferenceProperties.Device.CUDA) {
                        throw new ModelLoadException("CUDA was requested but is not usable: " + e.getMessage(), e);
                    }
                    log.info("No usable CUDA GPU ({}); model {} runs on the CPU", firstLine(e), file.getFileName());
                }
            } else {
                log.info("Model {} runs on the CPU (configured)", file.getFileName());
            }
            return new OnnxModel(file, env.createSession(file.toString(), options(inference, false)), ExecutionProvider.CPU);
        } catch (OrtException e) {
            throw new ModelLoadException("cannot load model " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions options(InferenceProperties inference, boolean cuda) throws OrtException {
        var options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(inference.intraOpThreads());
        options.setInterOpNumThreads(inference.interOpThreads());
        if (cuda) {
            options.addCUDA(inference.gpuDeviceId());
        }
        return options;
    }

    public Path file() {
        return file;
    }

    public ExecutionProvider provider() {
        return provider;
    }

    public OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    public OrtSession session() {
        return session;
    }

    /** Name of the model's single (first) input. */
    public String inputName() {
        return session.getInputNames().iterator().next();
    }

    /** Shape of the first input; -1 marks a dynamic dimension. */
    public long[] inputShape() {
        try {
            return shapeOf(session.getInputInfo().get(inputName()));
        } catch (OrtException e) {
            throw new ModelLoadException("cannot read inputs of " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Output names in graph order. */
    public List<String> outputNames() {
        return new ArrayList<>(session.getOutputNames());
    }

    /** Shape of an output; -1 marks a dynamic dimension. */
    public long[] outputShape(String name) {
        try {
            NodeInfo info = session.getOutputInfo().get(name);
            if (info == null) {
                throw new ModelLoadException("model " + file.getFileName() + " has no output '" + name + "'");
            }
            return shapeOf(info);
        } catch (OrtException e) {
            throw new ModelLoadException("cannot read outputs of " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Runs the graph; the caller closes the result (it owns native memory). */
    public OrtSession.Result run(Map<String, OnnxTensor> inputs) throws OrtException {
        return session.run(inputs);
    }

    private long[] shapeOf(NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            throw new ModelLoadException("model " + file.getFileName() + ": " + info.getName() + " is not a tensor");
        }
        return tensor.getShape();
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            log.warn("closing model {}: {}", file.getFileName(), e.getMessage());
        }
    }
}
