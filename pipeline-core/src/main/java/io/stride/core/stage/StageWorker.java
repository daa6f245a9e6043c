package io.stride.core.stage;

import io.stride.core.frame.FrameFormatException;
import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.BrokerUnavailableException;
import io.stride.core.kafka.KafkaClients;
import io.stride.core.task.TaskEvent;
import io.stride.core.task.TaskEventPublisher;
import io.stride.core.topic.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One consumer thread of a stage. At-least-once: the input offsets of a poll are committed only after every
 * record it produced has been acknowledged, so a restarted stage reprocesses from its last commit.
 *
 * <p>Images go to the broker once: records leave this stage without their JPEG, pointing at the frame's offset
 * on {@code raw_frames}, and a processor that {@linkplain StageProcessor#needsImages needs images} gets them
 * filled back in from there ({@link FrameImages}).
 *
 * <p>A record that is not a frame record of this schema, or a processor that throws, fails that task (a
 * {@code FAILED} event with the reason) and the rest of the task's records are skipped: a task with a hole
 * could not produce a frame-exact MP4, and other tasks carry on untouched. A broker that does not answer is not the
 * task's fault ({@link BrokerUnavailableException}): the worker reads its input again from the last commit.
 */
final class StageWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StageWorker.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    /** How often a wait for acknowledgements looks whether their task has ended meanwhile. */
    private static final Duration ACK_WAIT_SLICE = Duration.ofMillis(200);
    /**
     * Finished input partitions remembered for pausing; far more than the tasks whose topics exist at once (a task's
     * topics are deleted a minute after it ends), and the oldest are forgotten first.
     */
    private static final int FINISHED_INPUTS_REMEMBERED = 4096;

    private final StageProperties properties;
    private final KafkaClients kafka;
    private final StageProcessor processor;
    private final Producer<String, byte[]> producer;
    private final TaskEventPublisher events;
    private final StageMetrics metrics;
    private final TaskEventFollower followedTasks;
    private final FrameImages images;
    /** Offsets of the current consumer not committed yet; used only by this worker's thread. */
    private PendingCommits commits;
    /** Tasks this worker has handed to the processor and not yet released. */
    private final Set<String> activeTasks = new HashSet<>();
    private final Map<String, Long> lastProgressAt = new HashMap<>();
    /** Input partitions of tasks this worker released: nothing more of theirs is to be processed. */
    private final Set<TopicPartition> finishedInputs = new LinkedHashSet<>();
    /** Frames done per task that the progress interval kept from being reported yet. */
    private final Map<String, Long> heldBackProgress = new HashMap<>();
    /** When this worker last committed its input ({@code System.nanoTime}). */
    private long lastCommitAt = System.nanoTime();
    /** The follower's count of started tasks when this worker last looked for new task topics. */
    private long startsSeen;
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> consumer;

    StageWorker(StageProperties properties, KafkaClients kafka, StageProcessor processor,
                Producer<String, byte[]> producer, TaskEventPublisher events, StageMetrics metrics,
                TaskEventFollower followedTasks) {
        this.properties = properties;
        this.kafka = kafka;
        this.processor = processor;
        this.producer = producer;
        this.events = events;
        this.metrics = metrics;
        this.followedTasks = followedTasks;
        this.images = new FrameImages(kafka, properties.imageTimeout());
    }

    @Override
    public void run() {
        while (running) {
            try (Consumer<String, byte[]> c =
                    kafka.frameConsumer(properties.groupId(), properties.maxPollRecords());
                 AutoCloseable clientMetrics = metrics.bindKafkaClient(c)) {
                consumer = c;
                commits = new PendingCommits(c, properties.commitTimeout());
                startsSeen = followedTasks.starts();
                c.subscribe(properties.input().pattern(), commits);
                try {
                    while (running) {
                        pollOnce(c);
                    }
                } finally {
                    commitOnShutdown();
                }
            } catch (WakeupException e) {
                // shutdown
            } catch (BrokerUnavailableException e) {
                log.warn("Stage {}: the broker is away ({}); reading again from the last commit in {} s",
                        properties.name(), e.getMessage(), RETRY_BACKOFF.toSeconds());
                sleep(RETRY_BACKOFF);
            } catch (Exception e) {
                // Uncommitted input is read again by the new consumer: nothing is lost.
                log.error("Stage {} consumer failed, reconnecting from the last commit: {}", properties.name(),
                        e.toString(), e);
                sleep(RETRY_BACKOFF);
            }
        }
        images.close();
    }

    /** A stopping worker commits what is acknowledged, so that its successor reads less of it again. */
    private void commitOnShutdown() {
        if (running) {
            return;
        }
        try {
            commits.commit();
        } catch (RuntimeException e) {
            log.debug("Stage {}: no commit on the way out: {}", properties.name(), e.toString());
        }
    }

    void shutdown() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void pollOnce(Consumer<String, byte[]> c) {
        releaseEndedTasks();
        lookForNewTasks(c);
        pauseFinishedInputs(c);
        ConsumerRecords<String, byte[]> polled = c.poll(properties.pollTimeout());
        if (polled.isEmpty()) {
            commits.commit();
            reportHeldBackProgress();
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<TaskBatch> batches = new ArrayList<>();
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = polled.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
            properties.input().taskIdOf(partition.topic())
                    .map(taskId -> new TaskBatch(taskId, records))
                    .ifPresent(batches::add);
        }
        for (TaskBatch batch : batches) {
            MDC.put("task_id", batch.taskId);
            try {
                batch.acks.addAll(process(batch));
            } finally {
                MDC.remove("task_id");
            }
        }
        batches.forEach(this::awaitAcks);
        // A commit a rebalance refuses waits for the next one (PendingCommits); the output is acknowledged already.
        commits.add(offsets);
        long now = System.nanoTime();
        boolean due = now - lastCommitAt >= properties.commitInterval().toNanos();
        if (due || batches.stream().anyMatch(TaskBatch::ended)) {
            commits.commit();
            lastCommitAt = now;
        }
        batches.forEach(this::afterForwarding);
    }

    /**
     * Subscribing to the pattern again makes the consumer fetch metadata on its next poll, so a task that started
     * is found within a poll rather than at the next periodic refresh ({@code stride.kafka.metadata-max-age}),
     * which remains the fallback for a start this process did not hear of.
     */
    private void lookForNewTasks(Consumer<String, byte[]> c) {
        long starts = followedTasks.starts();
        if (starts != startsSeen) {
            startsSeen = starts;
            c.subscribe(properties.input().pattern(), commits);
        }
    }

    /**
     * Keeps the partitions of finished tasks paused, so that a stage with no task running sends no fetch at all
     * instead of long-polling every ended task's topic until it is deleted. Runs before every poll because a
     * rebalance resumes the partitions it assigns again.
     */
    private void pauseFinishedInputs(Consumer<String, byte[]> c) {
        if (finishedInputs.isEmpty()) {
            return;
        }
        Set<TopicPartition> paused = c.paused();
        List<TopicPartition> toPause = c.assignment().stream()
                .filter(partition -> finishedInputs.contains(partition) && !paused.contains(partition))
                .toList();
        if (!toPause.isEmpty()) {
            c.pause(toPause);
        }
    }

    /** Frees the processor's state of tasks that failed or were cancelled elsewhere in the fleet. */
    private void releaseEndedTasks() {
        activeTasks.removeIf(taskId -> {
            if (followedTasks.contains(taskId)) {
                heldBackProgress.remove(taskId);
                release(taskId);
                return true;
            }
            return false;
        });
    }

    private List<Future<RecordMetadata>> process(TaskBatch batch) {
        if (followedTasks.contains(batch.taskId)) {
            return List.of();
        }
        activeTasks.add(batch.taskId);
        List<FrameRecord> frames;
        try {
            frames = decode(batch);
        } catch (FrameFormatException e) {
            metrics.error("bad-record");
            fail(batch.taskId, e);
            return List.of();
        }
        metrics.framesIn(frames.size());
        try {
            List<FrameRecord> input = processor.needsImages(frames.get(0).options()) ? images.fill(batch.taskId, frames) : frames;
            List<FrameRecord> outputs = metrics.batchTimer().recordCallable(() -> processor.process(input));
            metrics.framesOut(outputs.size());
            batch.lastFrame = frames.get(frames.size() - 1);
            return forward(batch.taskId, outputs);
        } catch (BrokerUnavailableException e) {
            throw e; // not the task's fault: the batch is read again once the broker is back
        } catch (Exception e) {
            metrics.error("processing");
            fail(batch.taskId, e);
            return List.of();
        }
    }

    private List<FrameRecord> decode(TaskBatch batch) {
        List<FrameRecord> frames = new ArrayList<>(batch.records.size());
        for (ConsumerRecord<String, byte[]> record : batch.records) {
            try {
                FrameRecord frame = FrameRecordCodec.decode(record.value());
                if (!frame.taskId().equals(batch.taskId)) {
                    throw new FrameFormatException("record of task " + frame.taskId() + " on topic " + record.topic());
                }
                frames.add(properties.input() == Stage.RAW_FRAMES ? frame.withImageOffset(record.offset()) : frame);
            } catch (FrameFormatException e) {
                throw new FrameFormatException("bad record at offset " + record.offset() + " of "
                        + record.topic() + ": " + e.getMessage(), e);
            }
        }
        return frames;
    }

    private List<Future<RecordMetadata>> forward(String taskId, List<FrameRecord> outputs) {
        if (properties.output().isEmpty()) {
            return List.of();
        }
        Stage next = properties.output().get();
        List<Future<RecordMetadata>> acks = new ArrayList<>(outputs.size());
        for (FrameRecord out : outputs) {
            if (followedTasks.contains(taskId)) {
                break; // cancelled meanwhile: its topics are being deleted, a send to them would block
            }
            FrameRecord slim = out.hasImage() && out.imageOffset() >= 0 ? out.withoutImage() : out;
            acks.add(producer.send(new ProducerRecord<>(next.topic(taskId), FrameRecordCodec.encode(slim))));
        }
        return acks;
    }

    /** Reports progress once the batch's output is acknowledged; an ended task's offsets are committed by now. */
    private void afterForwarding(TaskBatch batch) {
        FrameRecord last = batch.lastFrame;
        if (last == null) {
            return;
        }
        if (last.isEndOfStream()) {
            events.publish(TaskEvent.progress(batch.taskId, properties.name(), last.frameCount()));
            lastProgressAt.remove(batch.taskId);
            heldBackProgress.remove(batch.taskId);
            activeTasks.remove(batch.taskId);
            release(batch.taskId);
            return;
        }
        long now = System.nanoTime();
        Long previous = lastProgressAt.get(batch.taskId);
        if (previous == null || now - previous >= properties.progressInterval().toNanos()) {
            lastProgressAt.put(batch.taskId, now);
            heldBackProgress.remove(batch.taskId);
            events.publish(TaskEvent.progress(batch.taskId, properties.name(), last.frameIndex() + 1));
        } else {
            heldBackProgress.put(batch.taskId, last.frameIndex() + 1);
        }
    }

    /**
     * Once the input runs dry, reports what the progress interval held back. Otherwise a stage whose upstream
     * stopped (a stage down, the decoder held by back-pressure) would leave its last frames unreported, and the
     * backend's stall watchdog would see it with frames waiting and blame it instead of the stage that stopped.
     */
    private void reportHeldBackProgress() {
        long now = System.nanoTime();
        heldBackProgress.forEach((taskId, framesDone) -> {
            lastProgressAt.put(taskId, now);
            events.publish(TaskEvent.progress(taskId, properties.name(), framesDone));
        });
        heldBackProgress.clear();
    }

    private void fail(String taskId, Exception cause) {
        String reason = properties.name() + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
        log.error("Task {} failed in stage {}: {}", taskId, properties.name(), reason, cause);
        followedTasks.add(taskId);
        activeTasks.remove(taskId);
        lastProgressAt.remove(taskId);
        heldBackProgress.remove(taskId);
        events.publish(TaskEvent.failed(taskId, properties.name(), reason));
        release(taskId);
    }

    private void release(String taskId) {
        var input = new TopicPartition(properties.input().topic(taskId), 0);
        if (commits != null) {
            commits.forget(input);
        }
        finishedInputs.add(input);
        if (finishedInputs.size() > FINISHED_INPUTS_REMEMBERED) {
            finishedInputs.remove(finishedInputs.iterator().next());
        }
        images.release(taskId);
        processor.taskEnded(taskId);
    }

    /**
     * Waits until the broker has acknowledged what a batch produced. Records of a task that ended meanwhile are not
     * waited for: its topics are deleted, and the producer would retry them for its whole delivery timeout while
     * every other task of this worker waited.
     */
    private void awaitAcks(TaskBatch batch) {
        for (Future<RecordMetadata> ack : batch.acks) {
            while (!acknowledged(ack, batch.taskId)) {
                if (followedTasks.contains(batch.taskId)) {
                    return;
                }
            }
        }
    }

    private boolean acknowledged(Future<RecordMetadata> ack, String taskId) {
        try {
            ack.get(ACK_WAIT_SLICE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for produce acknowledgements", e);
        } catch (ExecutionException e) {
            if (followedTasks.contains(taskId)) {
                return true;
            }
            throw new IllegalStateException("produce failed: " + e.getCause(), e.getCause());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class TaskBatch {
        final String taskId;
        final List<ConsumerRecord<String, byte[]>> records;
        final List<Future<RecordMetadata>> acks = new ArrayList<>();
        FrameRecord lastFrame;

        TaskBatch(String taskId, List<ConsumerRecord<String, byte[]>> records) {
            this.taskId = taskId;
            this.records = records;
        }

        /** Whether the batch ended its task: its offsets must be committed before the task is released. */
        boolean ended() {
            return lastFrame != null && lastFrame.isEndOfStream();
        }
    }
}
