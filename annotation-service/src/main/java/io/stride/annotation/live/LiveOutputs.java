package io.stride.annotation.live;

import io.stride.annotation.output.PacketSink;
import io.stride.annotation.output.StreamFormat;

/** Where a task's encoded packets go live, besides its MP4. */
@FunctionalInterface
public interface LiveOutputs {

    /** No live stream: MP4 only. */
    LiveOutputs NONE = (taskId, format) -> {
        format.close();
        return null;
    };

    /**
     * Starts the live output of a task.
     *
     * @param format the stream's format; the callee owns and closes it
     * @return the sink for the task's packets, or null for none
     */
    PacketSink open(String taskId, StreamFormat format);
}
