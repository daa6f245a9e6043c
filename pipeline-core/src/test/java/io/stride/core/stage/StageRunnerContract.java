package io.stride.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stride.core.frame.BoundingBox;
import io.stride.core.frame.Detection;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventCodec;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.testing.TestBroker;
import io.stride.core.topic.Stage;
import io.stride.core.topic.StageId;
import io.stride.core.topic.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The stage runtime against a real broker: a new task's topic is picked up by pattern, frames come out in
 * order with the stage's results, end-of-stream follows, a poison record fails only its own task, and a
 * restarted stage resumes from its last commit without losing a frame. Run against the in-JVM KRaft broker
 * always, and against Apache Kafka in a container where a Docker engine exists.
 */
abstract class StageRunnerContract {

    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(2);

    private static String bootstrapServers;
    private static KafkaSettings kafka;
    private static TaskEventPublisher events;
    private static Admin admin;

    /** Called by each broker's test class once its broker runs. */
    static void connect(String servers) {
        bootstrapServers = servers;
        kafka = TestBroker.kafkaSettings(servers);
        events = new TaskEventPublisher(new KafkaClients(kafka));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        createTopics(TopicNames.TASK_EVENTS);
    }

    /** Called by each broker's test class before it stops its broker. */
    static void disconnect() {
        events.close();
        admin.close();
    }

    @Test
    void processesANewTaskInOrderAndForwardsEndOfStream() throws Exception {
        String task = TopicNames.newTaskId();
        createTaskTopics(task);
        try (var stage = new RunningStage(new MarkingProcessor())) {
            publish(task, frames(task, 0, 30));
            List<FrameRecord> out = consume(Stage.YOLOX.topic(task), 31);

            assertThat(out).extracting(FrameRecord::frameIndex)
                    .containsExactlyElementsOf(Stream.iterate(0L, i -> i + 1).limit(31).toList());
            assertThat(out.get(0).detections()).containsExactly(MarkingProcessor.MARK);
            assertThat(out.get(30).isEndOfStream()).isTrue();
            assertThat(out.get(30).frameCount()).isEqualTo(30);
        }
    }

    @Test
    void aTaskThatStartsIsFoundAtOnceNotAtThePeriodicMetadataRefresh() throws Exception {
        var rarelyRefreshed = new KafkaSettings(bootstrapServers, kafka.maxMessageBytes(), Duration.ofMinutes(5));
        String earlier = TopicNames.newTaskId();
        createTaskTopics(earlier);
        try (var stage = new RunningStage(new MarkingProcessor(), rarelyRefreshed)) {
            publish(earlier, frames(earlier, 0, 3));
            assertThat(consume(Stage.YOLOX.topic(earlier), 4)).as("the task there when the stage started").hasSize(4);

            String task = TopicNames.newTaskId();
            createTaskTopics(task);
            events.publish(TaskEvent.started(task, 3, "clip.mp4"));
            publish(task, frames(task, 0, 3));
            long start = System.nanoTime();
            List<FrameRecord> out = consume(Stage.YOLOX.topic(task), 4);

            assertThat(out).as("frames of the task started after the stage's last metadata fetch").hasSize(4);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aPoisonRecordFailsOnlyItsTask() throws Exception {
        String poisoned = TopicNames.newTaskId();
        String healthy = TopicNames.newTaskId();
        createTaskTopics(poisoned);
        createTaskTopics(healthy);
        try (var stage = new RunningStage(new MarkingProcessor())) {
            List<byte[]> records = new ArrayList<>(frames(poisoned, 0, 5));
            records.add(2, "not a frame".getBytes());
            publish(poisoned, records);
            publish(healthy, frames(healthy, 0, 10));

            assertThat(consume(Stage.YOLOX.topic(healthy), 11)).hasSize(11);
            TaskEvent failure = awaitEvent(poisoned, TaskEvent.Type.FAILED);
            assertThat(failure.source()).isEqualTo("yolox");
            assertThat(failure.message()).startsWith("yolox: bad record at offset 2 of raw_frames_" + poisoned)
                    .endsWith("not a frame record: bad magic byte 0x6e");
        }
    }

    @Test
    void aRestartedStageResumesFromItsLastCommitWithoutLosingFrames() throws Exception {
        String task = TopicNames.newTaskId();
        createTaskTopics(task);
        var processor = new MarkingProcessor();
        try (var stage = new RunningStage(processor)) {
            publish(task, frames(task, 0, 20).subList(0, 20));
            consume(Stage.YOLOX.topic(task), 20);
        }
        try (var stage = new RunningStage(processor)) {
            publish(task, frames(task, 20, 40).subList(0, 20));
            publish(task, List.of(FrameRecordCodec.encode(FrameRecord.endOfStream(task, 40, 25, 4, 4))));
            List<FrameRecord> out = consume(Stage.YOLOX.topic(task), 41);
            assertThat(out).extracting(FrameRecord::frameIndex).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(Stream.iterate(0L, i -> i + 1).limit(41).toList());
        }
    }

    @Test
    void aStageWhoseInputRunsDryReportsTheProgressItsIntervalHeldBack() throws Exception {
        String task = TopicNames.newTaskId();
        createTaskTopics(task);
        // An interval no test outlasts: only the first batch's progress is due; the rest is held back until the
        // input runs dry, as when the stage after it is down and back-pressure stops the decoder.
        try (var stage = new RunningStage(new MarkingProcessor(), StageId.YOLOX, Duration.ofHours(1))) {
            publish(task, frames(task, 0, 20).subList(0, 20));
            consume(Stage.YOLOX.topic(task), 20);

            assertThat(awaitProgress(task, 20).framesDone()).isEqualTo(20);
        }
    }

    @Test
    void aStageWhoseTasksHaveEndedSendsNoFetch() throws Exception {
        deleteTaskTopics(); // of earlier tests: a new stage would fetch from them
        String task = TopicNames.newTaskId();
        createTaskTopics(task);
        try (var stage = new RunningStage(new MarkingProcessor())) {
            publish(task, frames(task, 0, 5));
            assertThat(consume(Stage.YOLOX.topic(task), 6)).hasSize(6);
            Thread.sleep(IDLE_SAMPLE.toMillis()); // the worker pauses the ended task's partition before its next poll
            double before = stage.fetches();
            Thread.sleep(IDLE_SAMPLE.toMillis());

            // Long-polling the ended task's topic would be one fetch per 100 ms (the stages' fetch.max.wait).
            assertThat(stage.fetches() - before).as("fetches in %s with the only task ended", IDLE_SAMPLE)
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aFourKFrameFarOverKafkasOneMegabyteDefaultPassesThrough() throws Exception {
        String task = TopicNames.newTaskId();
        createTaskTopics(task);
        byte[] jpeg = new byte[6 * 1024 * 1024];
        new java.util.Random(4).nextBytes(jpeg);
        var drawing = new ImageRecordingProcessor(task, true);
        try (var detector = new RunningStage(new MarkingProcessor());
             var annotator = new RunningStage(drawing, StageId.BYTETRACK)) {
            publish(task, List.of(
                    FrameRecordCodec.encode(FrameRecord.frame(task, 0, 0, 30, 3840, 2160, jpeg)),
                    FrameRecordCodec.encode(FrameRecord.endOfStream(task, 1, 30, 3840, 2160))));
            consume(Stage.BYTETRACK.topic(task), 2);

            assertThat(drawing.images).containsExactly(jpeg);
        }
    }

    @Test
    void imagesTravelOnlyOnRawFramesAndReachTheStagesThatNeedThem() throws Exception {
        String task = TopicNames.newTaskId();
        createTaskTopics(task);
        var drawing = new ImageRecordingProcessor(task, true);
        var tracking = new ImageRecordingProcessor(task, false);
        try (var detector = new RunningStage(new MarkingProcessor());
             var tracker = new RunningStage(tracking, StageId.BYTETRACK);
             var annotator = new RunningStage(drawing, StageId.RTMPOSE)) {
            publish(task, frames(task, 0, 12));
            List<FrameRecord> detected = consume(Stage.YOLOX.topic(task), 13);
            List<FrameRecord> tracked = consume(Stage.BYTETRACK.topic(task), 13);
            consume(Stage.RTMPOSE.topic(task), 13);

            assertThat(detected).noneMatch(FrameRecord::hasImage);
            assertThat(detected.subList(0, 12)).extracting(FrameRecord::imageOffset)
                    .containsExactlyElementsOf(Stream.iterate(0L, i -> i + 1).limit(12).toList());
            assertThat(tracked).noneMatch(FrameRecord::hasImage);
            assertThat(tracking.images).isEmpty();
            assertThat(drawing.images).hasSize(12)
                    .allSatisfy(image -> assertThat(image).hasSize(1))
                    .extracting(image -> (long) image[0])
                    .containsExactlyElementsOf(Stream.iterate(0L, i -> i + 1).limit(12).toList());
        }
    }

    /** Remembers the image bytes of every frame of its task it is handed, and forwards the frames unchanged. */
    static final class ImageRecordingProcessor implements StageProcessor {
        final List<byte[]> images = new CopyOnWriteArrayList<>();
        private final String task;
        private final boolean needsImages;

        ImageRecordingProcessor(String task, boolean needsImages) {
            this.task = task;
            this.needsImages = needsImages;
        }

        @Override
        public List<FrameRecord> process(List<FrameRecord> records) {
            records.stream().filter(r -> r.taskId().equals(task) && r.hasImage()).forEach(r -> images.add(r.jpeg()));
            return records;
        }

        @Override
        public boolean needsImages(io.stride.core.frame.StageOptions options) {
            return needsImages;
        }
    }

    /** Adds one known detection to every frame. */
    static final class MarkingProcessor implements StageProcessor {
        static final Detection MARK = new Detection(new BoundingBox(1, 2, 3, 4), 0.5f, 7);
        final List<String> ended = new CopyOnWriteArrayList<>();

        @Override
        public List<FrameRecord> process(List<FrameRecord> records) {
            return records.stream().map(r -> r.isEndOfStream() ? r : r.withDetections(List.of(MARK))).toList();
        }

        @Override
        public void taskEnded(String taskId) {
            ended.add(taskId);
        }
    }

    private static final class RunningStage implements AutoCloseable {
        private final StageRunner runner;
        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        RunningStage(StageProcessor processor) {
            this(processor, StageId.YOLOX);
        }

        RunningStage(StageProcessor processor, StageId stage) {
            this(processor, stage, Duration.ofMillis(100));
        }

        RunningStage(StageProcessor processor, KafkaSettings settings) {
            this(processor, StageId.YOLOX, Duration.ofMillis(100), settings);
        }

        RunningStage(StageProcessor processor, StageId stage, Duration progressInterval) {
            this(processor, stage, progressInterval, kafka);
        }

        RunningStage(StageProcessor processor, StageId stage, Duration progressInterval, KafkaSettings settings) {
            var properties = new StageProperties(stage, 1, 8, Duration.ofMillis(100), progressInterval,
                    Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1));
            runner = new StageRunner(properties, new KafkaClients(settings), processor, events,
                    new StageMetrics(registry, stage.id()));
            runner.start();
        }

        /** Fetch requests the stage's consumers have sent so far. */
        double fetches() {
            return registry.find("kafka.consumer.fetch.manager.fetch.total").functionCounters().stream()
                    .mapToDouble(FunctionCounter::count).sum();
        }

        @Override
        public void close() {
            runner.stop();
        }
    }

    private static List<byte[]> frames(String task, int from, int frameCount) {
        List<byte[]> records = new ArrayList<>();
        for (int i = from; i < frameCount; i++) {
            records.add(FrameRecordCodec.encode(FrameRecord.frame(task, i, i * 40_000L, 25, 4, 4, new byte[] {(byte) i})));
        }
        records.add(FrameRecordCodec.encode(FrameRecord.endOfStream(task, frameCount, 25, 4, 4)));
        return records;
    }

    private static void publish(String task, List<byte[]> records) throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(kafka.frameProducer())) {
            for (byte[] record : records) {
                producer.send(new ProducerRecord<>(Stage.RAW_FRAMES.topic(task), record)).get();
            }
        }
    }

    private static List<FrameRecord> consume(String topic, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<FrameRecord> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.add(FrameRecordCodec.decode(record.value()));
                }
            }
        }
        return out;
    }

    private static TaskEvent awaitProgress(String task, long framesDone) {
        return awaitEvent(task, event -> event.type() == TaskEvent.Type.PROGRESS && event.framesDone() == framesDone,
                "PROGRESS with " + framesDone + " frames done");
    }

    private static TaskEvent awaitEvent(String task, TaskEvent.Type type) {
        return awaitEvent(task, event -> event.type() == type, type.toString());
    }

    private static TaskEvent awaitEvent(String task, java.util.function.Predicate<TaskEvent> wanted, String what) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            var partition = new TopicPartition(TopicNames.TASK_EVENTS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TaskEvent event = TaskEventCodec.decode(record.value());
                    if (event.taskId().equals(task) && wanted.test(event)) {
                        return event;
                    }
                }
            }
        }
        throw new AssertionError("no " + what + " event for task " + task);
    }

    private static void deleteTaskTopics() throws Exception {
        List<String> taskTopics = admin.listTopics().names().get().stream()
                .filter(name -> !name.equals(TopicNames.TASK_EVENTS) && !name.startsWith("__")).toList();
        admin.deleteTopics(taskTopics).all().get();
    }

    private static void createTaskTopics(String task) {
        createTopics(TopicNames.taskTopics(task).toArray(String[]::new));
    }

    private static void createTopics(String... names) {
        try {
            // As the backend creates them: one partition, room for 4K frames whatever the broker's default.
            admin.createTopics(Arrays.stream(names).map(name -> new NewTopic(name, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(kafka.maxMessageBytes())))).toList()).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + Arrays.toString(names), e);
        }
    }
}
