package io.stride.core.stage;

import io.stride.core.frame.FrameRecord;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.topic.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the JPEGs back into frame records that travel without them, reading them from the task's
 * {@code raw_frames} topic at each record's {@link FrameRecord#imageOffset()}. One reader per task, so a stage
 * that works through a task in order reads that topic once, front to back.
 *
 * <p>Used by one consumer thread; not thread-safe.
 */
final class FrameImages implements AutoCloseable {

    private final KafkaClients kafka;
    private final Duration timeout;
    private final Map<String, RawFrameReader> readers = new HashMap<>();

    /** @param timeout how long one image may take to arrive before the broker counts as away */
    FrameImages(KafkaClients kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /**
     * The frames with their images: those that carry one, or have none to fetch (end-of-stream), are returned
     * as they are.
     *
     * @throws IllegalStateException      when an image is no longer on {@code raw_frames}
     * @throws io.stride.core.kafka.BrokerUnavailableException when an image does not arrive in time
     */
    List<FrameRecord> fill(String taskId, List<FrameRecord> frames) {
        if (frames.stream().noneMatch(FrameImages::needsImage)) {
            return frames;
        }
        RawFrameReader reader = readers.computeIfAbsent(taskId,
                id -> new RawFrameReader(kafka.positionalReader(), Stage.RAW_FRAMES.topic(id)));
        List<FrameRecord> filled = new ArrayList<>(frames.size());
        for (FrameRecord frame : frames) {
            filled.add(needsImage(frame) ? frame.withImage(reader.image(frame.imageOffset(), timeout)) : frame);
        }
        return filled;
    }

    /** Closes the task's reader once the task is done with. */
    void release(String taskId) {
        RawFrameReader reader = readers.remove(taskId);
        if (reader != null) {
            reader.close();
        }
    }

    @Override
    public void close() {
        readers.values().forEach(RawFrameReader::close);
        readers.clear();
    }

    private static boolean needsImage(FrameRecord frame) {
        return !frame.hasImage() && !frame.isEndOfStream() && frame.imageOffset() >= 0;
    }
}
