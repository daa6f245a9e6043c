package io.stride.annotation;

import static io.stride.annotation.ProcessorFixtures.FPS;
import static io.stride.annotation.ProcessorFixtures.feed;
import static io.stride.annotation.ProcessorFixtures.greyFrame;
import static io.stride.annotation.ProcessorFixtures.listFiles;
import static io.stride.annotation.ProcessorFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stride.annotation.output.FfmpegTools;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.StageOptions;
import io.stride.core.frame.TrackedObject;
import io.stride.core.result.ResultFiles;
import io.stride.core.task.TaskEvent;
import io.stride.core.topic.Stage;
import io.stride.core.topic.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a task of any length survives a restart. The killed instance's closed segments stay; the next one
 * goes on from the last of them, reading back only the frames since, on a real broker whose retention has
 * already removed the task's first frames, and the result is the uninterrupted run's, bit for bit.
 */
class AnnotationResumeTest {

    private static final int FRAMES = 70;
    /** Segments of frames 0-19, 20-39, 40-59 and 60-69. */
    private static final int SEGMENT_FRAMES = 20;

    @AutoClose
    private static final AnnotationBroker broker = new AnnotationBroker();

    @TempDir
    Path results;
    @TempDir
    Path uninterruptedResults;

    @Test
    void aKilledInstancesTaskIsResumedFromItsLastClosedSegmentAfterRetentionRemovedItsStart() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTaskAndRunItUninterrupted(taskId);

        AnnotationProcessor killed = newProcessor(results);
        feed(killed, task.subList(0, 52));
        // SIGKILL two and a half segments in: never closed. Frames 0-39 are durable in two closed segments.
        // Retention then removes the task's first records, up to just before the last durable frame.
        deleteRecordsBefore(Stage.RTMPOSE.topic(taskId), 39);
        assertThatThrownBy(() -> replayFromFrame0(taskId)).hasMessageContaining("no longer holds frame 0");

        // The next instance meets the task at its predecessor's last commit, frame 48: it reads back 40-47 only.
        AnnotationProcessor restarted = newProcessor(results);
        feed(restarted, task.subList(48, task.size()));

        assertResultIsTheUninterruptedRuns(taskId);
        ResultFiles files = new ResultFiles(results);
        FfmpegTools.Probe probe = FfmpegTools.probe(files.video(taskId));
        assertThat(probe.frames()).isEqualTo(FRAMES);
        assertThat(probe.durationSeconds()).isEqualTo(FRAMES / FPS);
        assertThat(FfmpegTools.decodeErrors(files.video(taskId))).isEmpty();
        assertThat(broker.lastTaskEvent(taskId)).extracting(TaskEvent::type, TaskEvent::frameCount)
                .containsExactly(TaskEvent.Type.COMPLETED, (long) FRAMES);

        // The killed instance's state, were it still around, must not touch what is now in place.
        killed.close();
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
    }

    @Test
    void anInstanceThatGetsATaskBackResumesFromTheNewOwnersPointAndNeverDeletesItsFiles() throws Exception {
        String taskId = TopicNames.newTaskId();
        List<FrameRecord> task = publishTaskAndRunItUninterrupted(taskId);
        AnnotationProcessor first = newProcessor(results);
        AnnotationProcessor second = newProcessor(results);

        feed(first, task.subList(0, 24));
        // A rebalance moves the task to the second instance, which resumes after segment 0…
        feed(second, task.subList(24, 50));
        // …and back: the first instance's files were taken over, so it resumes from the second's point (40).
        feed(first, task.subList(50, task.size()));
        second.close();

        assertResultIsTheUninterruptedRuns(taskId);
    }

    private static AnnotationProcessor newProcessor(Path directory) {
        return ProcessorFixtures.newProcessor(directory, SEGMENT_FRAMES, broker);
    }

    /**
     * The task's frames and its end-of-stream, on its rtmpose topic as the rtmpose stage left them, and the
     * result of one instance that processed them all without a break, to compare with.
     */
    private List<FrameRecord> publishTaskAndRunItUninterrupted(String taskId) throws Exception {
        List<FrameRecord> records = task(taskId, FRAMES, i -> frame(taskId, i), StageOptions.DEFAULT);
        broker.publishRtmpose(taskId, records);
        feed(newProcessor(uninterruptedResults), records);
        return records;
    }

    /** The result is the task's two files, with every frame once: the uninterrupted run's, bit for bit. */
    private void assertResultIsTheUninterruptedRuns(String taskId) throws Exception {
        ResultFiles files = new ResultFiles(results);
        ResultFiles uninterrupted = new ResultFiles(uninterruptedResults);
        assertThat(listFiles(results)).containsExactlyInAnyOrder(files.video(taskId), files.annotations(taskId));
        assertThat(FfmpegTools.packetDigests(files.video(taskId))).as("every frame once, as uninterrupted")
                .hasSize(FRAMES).containsExactlyElementsOf(FfmpegTools.packetDigests(uninterrupted.video(taskId)));
        assertThat(files.annotations(taskId)).hasSameBinaryContentAs(uninterrupted.annotations(taskId));
    }

    /** Grey, a shade lighter every frame, with one tracked person walking right: no two frames alike. */
    private static FrameRecord frame(String taskId, int index) {
        float left = 20 + 3 * index;
        var box = new BoundingBox(left, 60, left + 60, 180);
        return greyFrame(taskId, index, 40 + 2 * index, List.of(new TrackedObject(7, box, 0.9f, 0)));
    }

    private static void replayFromFrame0(String taskId) {
        broker.earlierFrames().replay(taskId, 0, 1, frame -> { });
    }

    private static void deleteRecordsBefore(String topic, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset))).all().get();
        }
    }
}
