package io.stride.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka client settings every service must agree on: the broker list from {@code spring.kafka.bootstrap-servers},
 * the {@link KafkaLimits}, and the connection properties every client of the deployment needs (TLS, SASL: Spring
 * Boot's {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and {@code spring.kafka.properties.*}).
 * The methods give each kind of client's configuration; {@link KafkaClients} makes the clients.
 *
 * @param connectionProperties applied to every client before the settings of its kind, which win on a clash
 */
public record KafkaSettings(String bootstrapServers, int maxMessageBytes, Duration metadataMaxAge,
                            Duration outageTolerance, Duration sessionTimeout,
                            Map<String, Object> connectionProperties) {

    /**
     * What a stage worker's poll interval allows beyond {@code outageTolerance}: the processing of one batch, which
     * takes seconds at most, and the image fetch that may time out before the worker retries.
     */
    public static final Duration POLL_INTERVAL_MARGIN = Duration.ofMinutes(1);

    /**
     * How long a closing producer waits for its records to be acknowledged. Unbounded, a shutdown during an outage
     * (or with records for a deleted task's topic) would wait out {@code outageTolerance}; what is not acknowledged
     * by then is produced again by whoever takes the work over, since input is committed only after acknowledgement.
     */
    public static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration POSITIONAL_FETCH_MAX_WAIT = Duration.ofMillis(10);
    /**
     * How long the broker holds a stage's fetch while its topics have nothing new. The broker answers a connection's
     * requests one at a time, so a new task's metadata request and its partition's first fetch wait behind the
     * fetch being held: at Kafka's 500 ms each step of picking a task up took half a second. Records that arrive
     * are answered at once whatever this is; it only sets how often an idle stage asks again.
     */
    private static final Duration FRAME_FETCH_MAX_WAIT = Duration.ofMillis(100);

    /**
     * How long the broker holds a group-less events reader's fetch while nothing happens. Events are answered at
     * once whatever this is, and such a reader asks the broker nothing else while it follows the topic, so nothing
     * waits behind the held fetch; an idle fleet of half a dozen readers asks a few times a second instead of a
     * dozen (Kafka's 500 ms). A group member ({@link #eventConsumer}) keeps Kafka's wait: it looks up end offsets
     * between polls, which the broker would answer only after the held fetch.
     */
    private static final Duration EVENT_FETCH_MAX_WAIT = Duration.ofSeconds(2);

    /** Longest an event send may wait for the events topic's metadata. */
    private static final Duration EVENT_SEND_MAX_BLOCK = Duration.ofSeconds(10);
    /** Longest a frame send may wait for its topic's metadata or for buffer space. */
    private static final Duration FRAME_SEND_MAX_BLOCK = Duration.ofSeconds(10);

    public KafkaSettings {
        connectionProperties = Map.copyOf(connectionProperties);
    }

    /** A plaintext connection to {@code bootstrapServers}, with {@code limits}. */
    public KafkaSettings(String bootstrapServers, KafkaLimits limits) {
        this(bootstrapServers, limits, Map.of());
    }

    public KafkaSettings(String bootstrapServers, KafkaLimits limits, Map<String, Object> connectionProperties) {
        this(bootstrapServers, limits.maxMessageBytes(), limits.metadataMaxAge(), limits.outageTolerance(),
                limits.sessionTimeout(), connectionProperties);
    }

    /** A plaintext connection with the default outage tolerance and session timeout. */
    public KafkaSettings(String bootstrapServers, int maxMessageBytes, Duration metadataMaxAge) {
        this(bootstrapServers, maxMessageBytes, metadataMaxAge, KafkaLimits.DEFAULT_OUTAGE_TOLERANCE,
                KafkaLimits.DEFAULT_SESSION_TIMEOUT, Map.of());
    }

    /** Consumer of frame records: manual commits, start at the beginning of a new task's topic. */
    public Map<String, Object> frameConsumer(String groupId, int maxPollRecords) {
        Map<String, Object> props = connection();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) metadataMaxAge.toMillis());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FRAME_FETCH_MAX_WAIT.toMillis());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) outageTolerance.plus(POLL_INTERVAL_MARGIN).toMillis());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        // Kafka wants heartbeats at most a third of the session apart.
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.dividedBy(3).toMillis());
        // A task's topic has one partition. Kafka's default RangeAssignor gives partition 0 of every topic to the
        // same member, so a second instance or consumer thread would get no task at all; the cooperative sticky
        // assignor spreads partitions over the members and moves only those that must move on a rebalance.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxMessageBytes);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, maxMessageBytes);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /**
     * Consumer with no group that reads a task's topic by position: back from its start ({@code TaskReplay}) or
     * the images of frames ({@code FrameImages}). An offset the retention removed jumps to the earliest one left,
     * which the readers report as a gap. Every record such a reader asks for is on the topic already, so a fetch
     * need not wait for more to arrive: Kafka's default wait (500 ms) would be paid at every seek.
     */
    public Map<String, Object> replayConsumer() {
        Map<String, Object> props = connection();
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POSITIONAL_FETCH_MAX_WAIT.toMillis());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxMessageBytes);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, maxMessageBytes);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** Producer of frame records: idempotent, acknowledged by all replicas before a stage commits its input. */
    public Map<String, Object> frameProducer() {
        Map<String, Object> props = commonProducer();
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * maxMessageBytes);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // A send blocks while the topic has no metadata: for a task's topic deleted under the sender (cancelled),
        // that is forever; bounded, the send fails and only that task does.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) FRAME_SEND_MAX_BLOCK.toMillis());
        return props;
    }

    /**
     * Producer of a stateful stage's checkpoints (byte values on a compacted topic, one per task every few seconds,
     * sent off the processing thread): as large as a frame record may be, and gzip-compressed, since a checkpoint
     * is mostly numbers that change little from one frame to the next (a ByteTrack one halves) and the JDK's gzip
     * needs no native library. Idempotent, so a task's checkpoints and its final tombstone stay in order.
     */
    public Map<String, Object> checkpointProducer() {
        Map<String, Object> props = commonProducer();
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        return props;
    }

    /** Producer of small JSON records (task events). */
    public Map<String, Object> eventProducer() {
        Map<String, Object> props = commonProducer();
        // Kafka's 60 s default would hold a request (an upload's QUEUED event) that long when a process that never
        // reached the broker sends its first event; bounded, the send fails and the request is answered.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) EVENT_SEND_MAX_BLOCK.toMillis());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return props;
    }

    /** Consumer of task events with no group: the backend reads the whole history to rebuild its state. */
    public Map<String, Object> eventReader() {
        Map<String, Object> props = jsonConsumer();
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) EVENT_FETCH_MAX_WAIT.toMillis());
        return props;
    }

    /**
     * Member of consumer group {@code groupId} reading JSON records, committing by hand: each record is handled by
     * one member of the group. A new group starts from the earliest record.
     */
    public Map<String, Object> eventConsumer(String groupId) {
        Map<String, Object> props = jsonConsumer();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return props;
    }

    private Map<String, Object> jsonConsumer() {
        Map<String, Object> props = connection();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return props;
    }

    private Map<String, Object> commonProducer() {
        Map<String, Object> props = connection();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // A record waits out a broker outage this long before it is given up (and the task with it).
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) outageTolerance.toMillis());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return props;
    }

    /** What every client needs to reach the broker: its address and the deployment's connection properties. */
    public Map<String, Object> connection() {
        Map<String, Object> props = new HashMap<>(connectionProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
