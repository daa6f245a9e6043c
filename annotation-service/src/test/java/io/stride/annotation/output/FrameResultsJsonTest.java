package io.stride.annotation.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.stride.core.analytics.TrackedFrame;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.Keypoint;
import io.stride.core.frame.Pose;
import io.stride.core.frame.TrackedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameResultsJsonTest {

    private static final String TASK = "3f2a0c1e-0000-4000-8000-000000000001";

    @Test
    void frameWithoutResultsHasEmptyLists() {
        var frame = FrameRecord.frame(TASK, 0, 0, 25.0, 64, 48, new byte[] {1});

        assertThat(FrameResultsJson.line(frame))
                .isEqualTo("{\"frame\":0,\"pts_us\":0,\"detections\":[],\"tracks\":[],\"poses\":[]}");
    }

    @Test
    void resultsAreWrittenInSnakeCaseWithPixelsToTwoAndScoresToFourDecimals() {
        var frame = FrameRecord.frame(TASK, 12, 400_400, 29.97, 1280, 720, new byte[] {1})
                .withDetections(List.of(
                        new Detection(new BoundingBox(10.126f, 20f, 110.5f, 220.994f), 0.91234f, 2),
                        new Detection(new BoundingBox(0f, 1.5f, 2.25f, 3f), 0.5f, 0)))
                .withTracks(List.of(new TrackedObject(4, new BoundingBox(0f, 1.5f, 2.25f, 3f), 0.87655f, 0)))
                .withPoses(List.of(new Pose(4, List.of(
                        new Keypoint(-3.456f, 7.004f, 0.12345f),
                        new Keypoint(1280f, 0.1f, 1f)))));

        assertThat(FrameResultsJson.line(frame)).isEqualTo("{\"frame\":12,\"pts_us\":400400,"
                + "\"detections\":["
                + "{\"box\":[10.13,20.0,110.5,220.99],\"score\":0.9123,\"class_id\":2,\"class_name\":\"car\"},"
                + "{\"box\":[0.0,1.5,2.25,3.0],\"score\":0.5,\"class_id\":0,\"class_name\":\"person\"}],"
                + "\"tracks\":[{\"track_id\":4,\"box\":[0.0,1.5,2.25,3.0],\"score\":0.8766,\"class_id\":0}],"
                + "\"poses\":[{\"track_id\":4,\"keypoints\":[[-3.46,7.0,0.1235],[1280.0,0.1,1.0]]}]}");
    }

    @Test
    void theTracksForAnalyticsAreTheTracksOfTheLineAsAnyoneReadsThemBack() {
        List<TrackedObject> tracks = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(17);
        for (int id = 0; id < 2000; id++) {
            float x = random.nextFloat() * 3840;
            float y = random.nextFloat() * 2160;
            tracks.add(new TrackedObject(id, new BoundingBox(x, y, x + random.nextFloat() * 300,
                    y + random.nextFloat() * 300), 0.5f, id % 3));
        }
        var frame = FrameRecord.frame(TASK, 9, 300_300, 29.97, 3840, 2160, new byte[] {1}).withTracks(tracks);

        assertThat(FrameResultsJson.trackedFrame(frame))
                .isEqualTo(TrackedFrame.parse(FrameResultsJson.line(frame)));
    }
}
