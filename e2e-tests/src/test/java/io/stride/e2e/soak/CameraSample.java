package io.stride.e2e.soak;

import java.util.Map;

/**
 * One sample of the camera soak.
 *
 * @param minute              minutes since the camera task was created
 * @param rssMib              each service's resident set, in chain order
 * @param heapMib             each service's Java heap after a full collection ({@link HeapAfterGc})
 * @param diskBytes           what the task's {@code segments/} directory holds, open segment included
 * @param segments            closed segments on disk
 * @param newestSegment       number of the newest closed segment (0 before the first closes)
 * @param largestSegmentBytes the largest closed segment on disk, MP4 and JSON Lines together
 * @param kafkaBytes          the broker's log directories, or -1 when unknown
 * @param status              the camera's status
 * @param inputFps            pictures per second from the source
 * @param outputFps           frames per second published to the pipeline
 * @param framesDropped       pictures dropped so far to keep the lag bounded
 * @param reconnects          reconnections so far
 */
record CameraSample(double minute, Map<String, Double> rssMib, Map<String, Double> heapMib, long diskBytes,
                    int segments, int newestSegment, long largestSegmentBytes, long kafkaBytes, String status,
                    double inputFps, double outputFps, long framesDropped, long reconnects) {
}
