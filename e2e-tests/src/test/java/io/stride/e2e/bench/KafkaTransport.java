package io.stride.e2e.bench;

import io.stride.core.frame.FrameRecord;
import io.stride.core.frame.FrameRecordCodec;
import io.stride.core.kafka.KafkaSettings;
import io.stride.core.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What moving frame records costs, with the stages' own client settings ({@link KafkaSettings}) against a real
 * KRaft broker in this JVM, one partition per topic as a task's topics have:
 * <ol>
 *   <li>produce: every frame record of the clip sent and acknowledged, as the backend publishes;</li>
 *   <li>hop: the records consumed, decoded, re-encoded without their JPEG (pointing at its offset) and produced
 *       to the next topic, acknowledgements awaited and the input committed once per poll: what the detector
 *       stage's runner does around its processor;</li>
 *   <li>consume: the frame records read back by offset, as the annotation stage fetches the images.</li>
 * </ol>
 *
 * @param frames       records moved
 * @param recordBytes  mean size of one frame record (JPEG and header)
 * @param codecEncode  {@link FrameRecordCodec#encode} of one record
 * @param codecDecode  {@link FrameRecordCodec#decode} of one record
 * @param produce      seconds to produce all records
 * @param hop          seconds to relay all records through one stage's consume–produce–commit cycle
 * @param consume      seconds to read all frame records back
 */
record KafkaTransport(int frames, double recordBytes, FrameTimer codecEncode, FrameTimer codecDecode,
                      double produce, double hop, double consume) {

    private static final String INPUT_TOPIC = "bench_in";
    private static final String OUTPUT_TOPIC = "bench_out";
    private static final short REPLICATION = 1;
    private static final int PARTITIONS = 1;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BYTES_PER_MB = 1e6;
    private static final double MILLIS_PER_SECOND = 1e3;

    static KafkaTransport measure(ClipFrames clip, ServiceSettings settings, int warmupFrames) throws Exception {
        try (TestBroker broker = new TestBroker()) {
            KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), settings.kafka());
            createTopics(broker.bootstrapServers(), settings.kafka().maxMessageBytes());
            String taskId = UUID.randomUUID().toString();
            FrameTimer encode = new FrameTimer(warmupFrames);
            List<byte[]> records = new ArrayList<>(clip.count());
            for (int i = 0; i < clip.count(); i++) {
                FrameRecord frame = FrameRecord.frame(taskId, i, Math.round(i * 1e6 / clip.fps()), clip.fps(),
                        clip.width(), clip.height(), clip.jpegs().get(i));
                records.add(encode.time(() -> FrameRecordCodec.encode(frame)));
            }
            double recordBytes = records.stream().mapToLong(r -> r.length).average().orElse(0);
            FrameTimer decode = new FrameTimer(warmupFrames);
            try (Producer<String, byte[]> producer = new KafkaProducer<>(kafka.frameProducer())) {
                producer.partitionsFor(INPUT_TOPIC);
                producer.partitionsFor(OUTPUT_TOPIC);
                double produce = produceAll(producer, records);
                double hop = relay(kafka, settings.stage().maxPollRecords(), producer, records.size(), decode);
                double consume = consumeAll(kafka, records.size());
                return new KafkaTransport(records.size(), recordBytes, encode, decode, produce, hop, consume);
            }
        }
    }

    private static void createTopics(String bootstrap, int maxMessageBytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, String> configs = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes));
            admin.createTopics(List.of(
                    new NewTopic(INPUT_TOPIC, PARTITIONS, REPLICATION).configs(configs),
                    new NewTopic(OUTPUT_TOPIC, PARTITIONS, REPLICATION).configs(configs)))
                    .all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static double produceAll(Producer<String, byte[]> producer, List<byte[]> records) throws Exception {
        long start = System.nanoTime();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (byte[] record : records) {
            acks.add(producer.send(new ProducerRecord<>(INPUT_TOPIC, record)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        return (System.nanoTime() - start) / NANOS_PER_SECOND;
    }

    /** One stage's cycle per poll: decode, re-encode without the image, produce, await every acknowledgement, commit. */
    private static double relay(KafkaSettings kafka, int maxPollRecords, Producer<String, byte[]> producer,
                                int expected, FrameTimer decode) throws Exception {
        TopicPartition input = new TopicPartition(INPUT_TOPIC, 0);
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(
                kafka.frameConsumer("bench-relay", maxPollRecords))) {
            consumer.assign(List.of(input));
            consumer.seekToBeginning(List.of(input));
            consumer.position(input);
            // Finds the group coordinator before the clock starts, as a running stage has long done.
            consumer.committed(Set.of(input));
            long start = System.nanoTime();
            long deadline = start + DEADLINE.toNanos();
            int relayed = 0;
            while (relayed < expected) {
                requireBefore(deadline, "relay", relayed, expected);
                ConsumerRecords<String, byte[]> polled = consumer.poll(POLL_TIMEOUT);
                List<Future<RecordMetadata>> acks = new ArrayList<>(polled.count());
                long next = -1;
                for (ConsumerRecord<String, byte[]> record : polled) {
                    FrameRecord frame = decode.time(() -> FrameRecordCodec.decode(record.value()));
                    FrameRecord slim = frame.withImageOffset(record.offset()).withoutImage();
                    acks.add(producer.send(new ProducerRecord<>(OUTPUT_TOPIC, FrameRecordCodec.encode(slim))));
                    next = record.offset() + 1;
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
                if (next >= 0) {
                    consumer.commitSync(Map.of(input, new OffsetAndMetadata(next)));
                }
                relayed += polled.count();
            }
            return (System.nanoTime() - start) / NANOS_PER_SECOND;
        }
    }

    private static double consumeAll(KafkaSettings kafka, int expected) {
        TopicPartition output = new TopicPartition(INPUT_TOPIC, 0);
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.replayConsumer())) {
            consumer.assign(List.of(output));
            consumer.seekToBeginning(List.of(output));
            consumer.position(output);
            long start = System.nanoTime();
            long deadline = start + DEADLINE.toNanos();
            int consumed = 0;
            while (consumed < expected) {
                requireBefore(deadline, "consume", consumed, expected);
                consumed += consumer.poll(POLL_TIMEOUT).count();
            }
            return (System.nanoTime() - start) / NANOS_PER_SECOND;
        }
    }

    private static void requireBefore(long deadline, String what, int done, int expected) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " moved " + done + " of " + expected + " records within " + DEADLINE);
        }
    }

    double produceMillisPerFrame() {
        return produce * MILLIS_PER_SECOND / frames;
    }

    double hopMillisPerFrame() {
        return hop * MILLIS_PER_SECOND / frames;
    }

    double consumeMillisPerFrame() {
        return consume * MILLIS_PER_SECOND / frames;
    }

    /** Megabytes of frame records per second for a phase that took {@code seconds}. */
    double megabytesPerSecond(double seconds) {
        return frames * recordBytes / BYTES_PER_MB / seconds;
    }
}
