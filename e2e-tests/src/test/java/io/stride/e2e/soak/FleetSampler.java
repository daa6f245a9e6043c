package io.stride.e2e.soak;

import io.stride.e2e.bench.FleetHandle;
import io.stride.e2e.bench.FleetHandle.ServiceView;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;

/** The fleet's memory and the broker's disk, as the camera soaks sample them. */
final class FleetSampler implements AutoCloseable {

    private static final int ADMIN_TIMEOUT_MS = 10_000;

    private final FleetHandle fleet;
    private final Admin admin;

    FleetSampler(FleetHandle fleet) {
        this.fleet = fleet;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS));
    }

    /** Each service's resident set in MiB, in chain order. */
    Map<String, Double> rssMib() throws IOException {
        Map<String, Double> rss = new LinkedHashMap<>();
        for (ServiceView service : fleet.services().values()) {
            rss.put(service.name(), ProcessMemory.rssMib(service.pid()));
        }
        return rss;
    }

    /** Each service's Java heap after a full collection in MiB, in chain order. */
    Map<String, Double> heapAfterGcMib() throws IOException, InterruptedException {
        Map<String, Double> heap = new LinkedHashMap<>();
        for (ServiceView service : fleet.services().values()) {
            heap.put(service.name(), HeapAfterGc.usedMib(service.pid()));
        }
        return heap;
    }

    /** What the broker's log directories hold, in bytes (every partition's log); -1 if the broker does not say. */
    long kafkaBytes() {
        try {
            List<Integer> brokers = admin.describeCluster().nodes().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .stream().map(Node::id).toList();
            long total = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions()
                    .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    total += dir.replicaInfos().values().stream().mapToLong(ReplicaInfo::size).sum();
                }
            }
            return total;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
