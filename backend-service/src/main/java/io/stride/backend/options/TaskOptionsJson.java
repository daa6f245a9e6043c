package io.stride.backend.options;

import io.stride.core.analytics.AnalysisRequest;
import io.stride.backend.analytics.AnalysisRequestParser;
import io.stride.core.analytics.CountingLine;
import io.stride.backend.analytics.InvalidAnalysisRequest;
import io.stride.core.analytics.Point;
import io.stride.core.analytics.Zone;
import io.stride.core.frame.CocoClasses;
import io.stride.core.frame.StageOptions;
import io.stride.backend.webhook.WebhookUrl;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of {@link TaskOptions}: {@code {"classes": ["person", "car"], "min_score": 0.3, "pose": true,
 * "lines": […], "zones": […], "webhook": "https://…"}}, every key optional. Reading refuses, naming the field, what
 * would make the task do something else than asked: unknown keys, unknown class names, a score outside 0–1, a
 * webhook that is not an absolute http(s) URL ({@link WebhookUrl}), and lines and zones by the analyses' rules
 * ({@link AnalysisRequestParser}). Writing gives the canonical form the task keeps and echoes.
 */
public final class TaskOptionsJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String CLASSES = "classes";
    private static final String MIN_SCORE = "min_score";
    private static final String POSE = "pose";
    private static final String WEBHOOK = "webhook";
    private static final Set<String> KEYS = Set.of(CLASSES, MIN_SCORE, POSE, "lines", "zones", WEBHOOK);

    private TaskOptionsJson() {
    }

    /** @throws InvalidTaskOptions with a message naming the field at fault */
    public static TaskOptions parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidTaskOptions("", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTaskOptions("", "expected a JSON object with any of " + String.join(", ",
                    KEYS.stream().sorted().toList()));
        }
        for (String key : root.propertyNames()) {
            if (!KEYS.contains(key)) {
                throw new InvalidTaskOptions(key, "unknown field (expected any of "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        return new TaskOptions(new StageOptions(classIds(root.get(CLASSES)), minScore(root.get(MIN_SCORE)),
                pose(root.get(POSE)), linesAndZones(root), false), webhook(root.get(WEBHOOK)));
    }

    /** Options a task kept in the canonical form; empty for none. */
    public static TaskOptions read(String canonical) {
        return canonical.isEmpty() ? TaskOptions.NONE : parse(canonical);
    }

    /** The canonical form: the keys that differ from a task without options, lines and zones when there are some. */
    public static String write(TaskOptions options) {
        ObjectNode root = JSON.createObjectNode();
        StageOptions stages = options.stages();
        if (!stages.classIds().isEmpty()) {
            ArrayNode classes = root.putArray(CLASSES);
            stages.classIds().stream().sorted().forEach(id -> classes.add(CocoClasses.name(id)));
        }
        if (stages.minScore() > 0) {
            root.put(MIN_SCORE, stages.minScore());
        }
        if (!stages.pose()) {
            root.put(POSE, false);
        }
        if (!options.analysis().lines().isEmpty()) {
            ArrayNode lines = root.putArray("lines");
            for (CountingLine line : options.analysis().lines()) {
                ObjectNode node = lines.addObject().put("name", line.name());
                point(node.putArray("from"), line.from());
                point(node.putArray("to"), line.to());
            }
        }
        if (!options.analysis().zones().isEmpty()) {
            ArrayNode zones = root.putArray("zones");
            for (Zone zone : options.analysis().zones()) {
                ArrayNode polygon = zones.addObject().put("name", zone.name()).putArray("polygon");
                zone.polygon().forEach(p -> point(polygon.addArray(), p));
            }
        }
        options.webhook().ifPresent(url -> root.put(WEBHOOK, url.text()));
        return root.isEmpty() ? "" : JSON.writeValueAsString(root);
    }

    private static void point(ArrayNode array, Point point) {
        array.add(point.x()).add(point.y());
    }

    private static Set<Integer> classIds(JsonNode classes) {
        if (classes == null) {
            return Set.of();
        }
        if (!classes.isArray() || classes.isEmpty()) {
            throw new InvalidTaskOptions(CLASSES, "expected a non-empty array of COCO class names, e.g. [\"person\"]");
        }
        Set<Integer> ids = new LinkedHashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            JsonNode name = classes.get(i);
            int id = name.isString() ? CocoClasses.idOf(name.asString()) : -1;
            if (id < 0) {
                throw new InvalidTaskOptions(CLASSES + "[" + i + "]", name + " is not a COCO class name "
                        + "(e.g. \"person\", \"car\", \"traffic light\")");
            }
            ids.add(id);
        }
        return ids;
    }

    private static float minScore(JsonNode score) {
        if (score == null) {
            return StageOptions.DEFAULT.minScore();
        }
        if (!score.isNumber() || !(score.asDouble() >= 0 && score.asDouble() <= 1)) {
            throw new InvalidTaskOptions(MIN_SCORE, "expected a number from 0 to 1, got " + score);
        }
        return score.floatValue();
    }

    private static boolean pose(JsonNode pose) {
        if (pose == null) {
            return StageOptions.DEFAULT.pose();
        }
        if (!pose.isBoolean()) {
            throw new InvalidTaskOptions(POSE, "expected true or false, got " + pose);
        }
        return pose.asBoolean();
    }

    /** The URL's form only: whether its host may be sent to is the upload's to check ({@code WebhookTargets}). */
    private static Optional<WebhookUrl> webhook(JsonNode webhook) {
        if (webhook == null) {
            return Optional.empty();
        }
        if (!webhook.isString()) {
            throw new InvalidTaskOptions(WEBHOOK, "expected a URL as a string, e.g. \"https://example.org/hook\"");
        }
        try {
            return Optional.of(WebhookUrl.parse(webhook.asString()));
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskOptions(WEBHOOK, e.getMessage());
        }
    }

    private static AnalysisRequest linesAndZones(JsonNode root) {
        try {
            return AnalysisRequestParser.linesAndZones(root);
        } catch (InvalidAnalysisRequest e) {
            throw InvalidTaskOptions.within(e.getMessage());
        }
    }
}
