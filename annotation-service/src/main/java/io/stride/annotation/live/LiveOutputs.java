package io.stride.annotation.live;

import io.stride.annotation.output.PacketSink;
import io.stride.annotation.output.StreamFormat;

/** Where a task's encoded packets go live, besides its MP4. */
@FunctionalInterface
public interface LiveOutputs {

    /** No live stream: MP4 only. */
    LiveOutputs NONE = (taskId, format, live) -> {
        format.close();
        return null;
    };

    /**
     * Starts the live output of a task.
     *
     * @param format the stream's format; the callee owns and closes it
     * @param live   whether the task is a camera's: its packets come no faster than its source's real time, so they
     *               go out as they come; an upload's are paced to its frame rate (see {@link LiveStream})
     * @return the sink for the task's packets, or null for none
     */
    PacketSink open(String taskId, StreamFormat format, boolean live);
}
