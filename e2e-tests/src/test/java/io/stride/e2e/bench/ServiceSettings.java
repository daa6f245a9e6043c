package io.stride.e2e.bench;

import io.stride.annotation.AnnotationProperties;
import io.stride.backend.BackendProperties;
import io.stride.bytetrack.stage.ByteTrackProperties;
import io.stride.core.kafka.KafkaLimits;
import io.stride.core.model.InferenceProperties;
import io.stride.core.stage.StageProperties;
import io.stride.rtmpose.RtmposeProperties;
import io.stride.yolox.YoloxProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The services' own configuration records, bound as Spring binds them inside the services: their
 * {@code @DefaultValue}s plus the benchmark's overrides. The in-process measurements and the baseline run with
 * exactly the settings the fleet gets, and no default is copied here.
 *
 * @param overrides the properties set on top of the defaults, also passed to every service of the fleet
 */
record ServiceSettings(Map<String, String> overrides, YoloxProperties yolox, InferenceProperties inference,
                       ByteTrackProperties bytetrack, RtmposeProperties rtmpose, AnnotationProperties annotation,
                       BackendProperties backend, KafkaLimits kafka, StageProperties stage) {

    static final String YOLOX_MODEL = "stride.yolox.model-path";
    static final String POSE_MODEL = "stride.rtmpose.model-path";
    static final String POSE_ENABLED = "stride.rtmpose.enabled";
    private static final Set<String> SET_BY_FLEET = Set.of(YOLOX_MODEL, POSE_MODEL);

    static ServiceSettings bind(Map<String, String> overrides) {
        Binder binder = new Binder(new MapConfigurationPropertySource(overrides));
        return new ServiceSettings(Map.copyOf(overrides),
                binder.bindOrCreate("stride.yolox", YoloxProperties.class),
                binder.bindOrCreate("stride.inference", InferenceProperties.class),
                binder.bindOrCreate("stride.bytetrack", ByteTrackProperties.class),
                binder.bindOrCreate("stride.rtmpose", RtmposeProperties.class),
                binder.bindOrCreate("stride.annotation", AnnotationProperties.class),
                binder.bindOrCreate("stride.backend", BackendProperties.class),
                binder.bindOrCreate("stride.kafka", KafkaLimits.class),
                binder.bindOrCreate("stride.stage", StageProperties.class));
    }

    /**
     * The overrides as Spring Boot command-line arguments for the fleet, in a stable order, without the model
     * paths: the fleet passes those itself, and a property given twice on a command line becomes a list.
     */
    List<String> fleetArguments() {
        List<String> arguments = new ArrayList<>();
        overrides.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !SET_BY_FLEET.contains(e.getKey()))
                .forEach(e -> arguments.add("--" + e.getKey() + "=" + e.getValue()));
        return arguments;
    }
}
