package io.stride.backend.camera;

import java.util.ArrayDeque;

/**
 * How far behind a camera's pipeline is, in the source's time: from the oldest frame published and not yet
 * annotated to the picture at hand. Counting frames instead would misjudge exactly the overload it is for: once
 * pictures are dropped, each published frame stands for more than one frame interval of the source, and a pipeline
 * slower than the source needs longer than the frames' own duration to clear them.
 */
final class PipelineLag {

    private record Published(long frame, long ptsMicros) {
    }

    /** Frames published and not yet known to be annotated, oldest first: at most the allowed lag's worth. */
    private final ArrayDeque<Published> inFlight = new ArrayDeque<>();

    /** Notes a frame published to the pipeline. */
    void published(long frame, long ptsMicros) {
        inFlight.addLast(new Published(frame, ptsMicros));
    }

    /**
     * @param ptsMicros       the picture at hand's time
     * @param framesAnnotated frames the pipeline has annotated (frames 0 to this minus one)
     * @return the source time from the oldest frame still in the pipeline to the picture, 0 when none is
     */
    long lagMicros(long ptsMicros, long framesAnnotated) {
        while (!inFlight.isEmpty() && inFlight.peekFirst().frame() < framesAnnotated) {
            inFlight.removeFirst();
        }
        return inFlight.isEmpty() ? 0 : Math.max(0, ptsMicros - inFlight.peekFirst().ptsMicros());
    }
}
