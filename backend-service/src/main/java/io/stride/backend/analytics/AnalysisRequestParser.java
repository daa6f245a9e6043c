package io.stride.backend.analytics;

import io.stride.core.analytics.Point;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Zone;
import io.stride.core.analytics.AnalysisRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the body of {@code POST /tasks/{id}/analyses}:
 * {@code {"lines": [{"name", "from": [x, y], "to": [x, y]}], "zones": [{"name", "polygon": [[x, y], …]}]}}.
 * Everything that would make a count meaningless or ambiguous is refused with the field it concerns: unknown keys
 * (a misspelt key must not be silently ignored), a line of zero length (it has no sides), a polygon of fewer than
 * 3 points, a name used twice (the events name what they concern), negative coordinates (outside every frame).
 * The sizes are bounded because every line and every polygon vertex is visited for every track of every frame.
 */
public final class AnalysisRequestParser {

    static final int MAX_LINES = 100;
    static final int MAX_ZONES = 100;
    static final int MAX_VERTICES = 1000;
    static final int MAX_NAME_LENGTH = 100;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> REQUEST_KEYS = Set.of("lines", "zones");
    private static final Set<String> LINE_KEYS = Set.of("name", "from", "to");
    private static final Set<String> ZONE_KEYS = Set.of("name", "polygon");

    private AnalysisRequestParser() {
    }

    /** @throws InvalidAnalysisRequest with a message naming the field at fault */
    public static AnalysisRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidAnalysisRequest("the body is empty: expected {\"lines\": […], \"zones\": […]}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidAnalysisRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        requireObject(root, "the body", REQUEST_KEYS);
        AnalysisRequest request = linesAndZones(root);
        if (request.lines().isEmpty() && request.zones().isEmpty()) {
            throw new InvalidAnalysisRequest("lines, zones: give at least one line or zone");
        }
        return request;
    }

    /**
     * The {@code lines} and {@code zones} of an object whose keys were checked by the caller, with the same
     * rules as a request body's; both may be absent (a task's options need neither).
     */
    public static AnalysisRequest linesAndZones(JsonNode object) {
        List<CountingLine> lines = new ArrayList<>();
        for (JsonNode line : array(object, "lines", MAX_LINES)) {
            lines.add(line(line, "lines[" + lines.size() + "]"));
        }
        List<Zone> zones = new ArrayList<>();
        for (JsonNode zone : array(object, "zones", MAX_ZONES)) {
            zones.add(zone(zone, "zones[" + zones.size() + "]"));
        }
        requireUniqueNames(lines, zones);
        return new AnalysisRequest(lines, zones);
    }

    /**
     * Refuses a point outside the upright frame of {@code width × height} pixels; points on its border are inside.
     *
     * @throws InvalidAnalysisRequest naming the first such point, e.g. {@code lines[0].to: …}
     */
    public static void requireInside(AnalysisRequest request, int width, int height) {
        List<CountingLine> lines = request.lines();
        for (int i = 0; i < lines.size(); i++) {
            requireInside(lines.get(i).from(), "lines[" + i + "].from", width, height);
            requireInside(lines.get(i).to(), "lines[" + i + "].to", width, height);
        }
        List<Zone> zones = request.zones();
        for (int i = 0; i < zones.size(); i++) {
            List<Point> polygon = zones.get(i).polygon();
            for (int k = 0; k < polygon.size(); k++) {
                requireInside(polygon.get(k), "zones[" + i + "].polygon[" + k + "]", width, height);
            }
        }
    }

    private static void requireInside(Point point, String field, int width, int height) {
        if (point.x() > width || point.y() > height) {
            throw new InvalidAnalysisRequest(field + ": " + point + " is outside the " + width + "x" + height
                    + " frame");
        }
    }

    private static CountingLine line(JsonNode node, String field) {
        requireObject(node, field, LINE_KEYS);
        String name = name(node, field);
        Point from = point(node.get("from"), field + ".from");
        Point to = point(node.get("to"), field + ".to");
        if (from.x() == to.x() && from.y() == to.y()) {
            throw new InvalidAnalysisRequest(field + ": from and to are the same point " + from
                    + ", a line of zero length");
        }
        return new CountingLine(name, from, to);
    }

    private static Zone zone(JsonNode node, String field) {
        requireObject(node, field, ZONE_KEYS);
        String name = name(node, field);
        JsonNode polygon = node.get("polygon");
        if (polygon == null || !polygon.isArray()) {
            throw new InvalidAnalysisRequest(field + ".polygon: expected an array of points [[x, y], …]");
        }
        if (polygon.size() < 3 || polygon.size() > MAX_VERTICES) {
            throw new InvalidAnalysisRequest(field + ".polygon: " + polygon.size()
                    + " points; a polygon needs at least 3 and at most " + MAX_VERTICES);
        }
        List<Point> points = new ArrayList<>(polygon.size());
        for (JsonNode point : polygon) {
            points.add(point(point, field + ".polygon[" + points.size() + "]"));
        }
        return new Zone(name, points);
    }

    private static List<JsonNode> array(JsonNode root, String key, int max) {
        JsonNode node = root.get(key);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidAnalysisRequest(key + ": expected an array");
        }
        if (node.size() > max) {
            throw new InvalidAnalysisRequest(key + ": " + node.size() + " given, at most " + max);
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    private static void requireObject(JsonNode node, String field, Set<String> keys) {
        if (!node.isObject()) {
            throw new InvalidAnalysisRequest(field + ": expected an object with " + sorted(keys));
        }
        for (String key : node.propertyNames()) {
            if (!keys.contains(key)) {
                String where = field.equals("the body") ? key : field + "." + key;
                throw new InvalidAnalysisRequest(where + ": unknown field (expected " + sorted(keys) + ")");
            }
        }
    }

    private static String name(JsonNode node, String field) {
        JsonNode name = node.get("name");
        if (name == null || !name.isString() || name.asString().isBlank()) {
            throw new InvalidAnalysisRequest(field + ".name: expected a non-empty string");
        }
        if (name.asString().length() > MAX_NAME_LENGTH) {
            throw new InvalidAnalysisRequest(field + ".name: longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name.asString();
    }

    /** Pixels of the upright frame: two finite numbers, neither negative. */
    private static Point point(JsonNode node, String field) {
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isNumber()
                || !node.get(1).isNumber()) {
            throw new InvalidAnalysisRequest(field + ": expected a point [x, y] of two numbers");
        }
        Point point = new Point(node.get(0).asDouble(), node.get(1).asDouble());
        if (!Double.isFinite(point.x()) || !Double.isFinite(point.y())) {
            throw new InvalidAnalysisRequest(field + ": " + point + " is not a finite point");
        }
        if (point.x() < 0 || point.y() < 0) {
            throw new InvalidAnalysisRequest(field + ": " + point + " is outside the frame (negative coordinate)");
        }
        return point;
    }

    /** Names identify lines and zones in the events, so each is used once across both. */
    private static void requireUniqueNames(List<CountingLine> lines, List<Zone> zones) {
        Map<String, String> fieldByName = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            requireNew(fieldByName, lines.get(i).name(), "lines[" + i + "]");
        }
        for (int i = 0; i < zones.size(); i++) {
            requireNew(fieldByName, zones.get(i).name(), "zones[" + i + "]");
        }
    }

    private static void requireNew(Map<String, String> fieldByName, String name, String field) {
        String earlier = fieldByName.putIfAbsent(name, field);
        if (earlier != null) {
            throw new InvalidAnalysisRequest(field + ".name: '" + name + "' is already the name of " + earlier);
        }
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }
}
