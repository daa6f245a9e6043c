package io.stride.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The counting rules of issue 17 (docs/analytics.md, "The rules") written again in the test, independently of
 * pipeline-core's {@code Analysis}: a task's exported JSON Lines are read frame by frame, and each line and zone is
 * counted with the formulas as the issue states them (side sign, segment intersection, PNPOLY, dwell). It gives the
 * analytics, the {@code /events} and the live events of {@code stride_analytics_events} a task must produce. Only
 * tracks of class 0 are expected (the tasks it checks are uploaded with {@code "classes": ["person"]}).
 */
public final class Recount {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double MICROS_PER_SECOND = 1_000_000.0;

    /** A counting line from {@code a} to {@code b}, in source pixels. */
    public record Line(String name, double ax, double ay, double bx, double by) {

        String json() {
            return "{\"name\":\"" + name + "\",\"from\":[" + num(ax) + "," + num(ay) + "],\"to\":[" + num(bx) + ","
                    + num(by) + "]}";
        }
    }

    /** A zone; {@code polygon} holds {@code {x, y}} pairs. */
    public record Zone(String name, double[][] polygon) {

        String json() {
            List<String> points = new ArrayList<>();
            for (double[] p : polygon) {
                points.add("[" + num(p[0]) + "," + num(p[1]) + "]");
            }
            return "{\"name\":\"" + name + "\",\"polygon\":[" + String.join(",", points) + "]}";
        }
    }

    /** A line's totals; {@code byClass} maps a class name to {@code [in, out]}. */
    public record LineTotals(String name, long in, long out, Map<String, List<Long>> byClass) {
    }

    public record ZoneTotals(String name, long entries, long exits, long maxOccupancy, double meanDwellSeconds,
                             double maxDwellSeconds) {
    }

    /** What {@code GET /result/{id}/analytics} answers, as values. */
    public record Totals(List<LineTotals> lines, List<ZoneTotals> zones) {

        /** Reads an analytics JSON answer. */
        public static Totals parse(String json) {
            JsonNode root = JSON.readTree(json);
            List<LineTotals> lines = new ArrayList<>();
            for (JsonNode line : root.get("lines")) {
                Map<String, List<Long>> byClass = new LinkedHashMap<>();
                line.get("by_class").properties().forEach(entry -> byClass.put(entry.getKey(),
                        List.of(entry.getValue().get("in").asLong(), entry.getValue().get("out").asLong())));
                lines.add(new LineTotals(line.get("name").asText(), line.get("in").asLong(), line.get("out").asLong(),
                        byClass));
            }
            List<ZoneTotals> zones = new ArrayList<>();
            for (JsonNode zone : root.get("zones")) {
                zones.add(new ZoneTotals(zone.get("name").asText(), zone.get("entries").asLong(),
                        zone.get("exits").asLong(), zone.get("max_occupancy").asLong(),
                        zone.get("mean_dwell_s").asDouble(), zone.get("max_dwell_s").asDouble()));
            }
            return new Totals(lines, zones);
        }

        /** Whether no count here is above {@code last}'s (dwell times excepted: a visit's mean may fall). */
        public boolean noCountAbove(Totals last) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).in() > last.lines().get(i).in() || lines.get(i).out() > last.lines().get(i).out()) {
                    return false;
                }
            }
            for (int i = 0; i < zones.size(); i++) {
                ZoneTotals zone = zones.get(i);
                ZoneTotals end = last.zones().get(i);
                if (zone.entries() > end.entries() || zone.exits() > end.exits()
                        || zone.maxOccupancy() > end.maxOccupancy() || zone.maxDwellSeconds() > end.maxDwellSeconds()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The recomputation's results.
     *
     * @param totals     the analytics
     * @param liveEvents each event as the topic carries it for task {@code taskId} (with {@code task_id},
     *                   {@code event_id}, {@code counts} or {@code occupancy}), in order
     */
    public record Result(Totals totals, List<JsonNode> liveEvents) {

        /** The events as {@code /result/{id}/events} answers them: the live events without the topic's fields. */
        public List<JsonNode> events() {
            return liveEvents.stream().map(Recount::withoutTopicFields).toList();
        }
    }

    private Recount() {
    }

    /** Options JSON for an upload of people with these lines and zones (and {@code extra} keys, may be empty). */
    public static String options(List<Line> lines, List<Zone> zones, String extra) {
        return "{\"classes\":[\"person\"],\"pose\":false,\"lines\":["
                + String.join(",", lines.stream().map(Line::json).toList()) + "],\"zones\":["
                + String.join(",", zones.stream().map(Zone::json).toList()) + "]" + extra + "}";
    }

    /** Counts a task's JSON Lines (one frame a line, in frame order). */
    public static Result count(String taskId, List<String> jsonLines, List<Line> lines, List<Zone> zones) {
        List<Map<Integer, double[]>> lastOffLine = new ArrayList<>();
        List<long[]> lineTotals = new ArrayList<>();
        List<Map<String, long[]>> lineByClass = new ArrayList<>();
        lines.forEach(line -> {
            lastOffLine.add(new HashMap<>());
            lineTotals.add(new long[2]);
            lineByClass.add(new LinkedHashMap<>());
        });
        List<Map<Integer, long[]>> openVisits = new ArrayList<>();
        List<long[]> zoneCounts = new ArrayList<>();
        List<List<Long>> dwells = new ArrayList<>();
        zones.forEach(zone -> {
            openVisits.add(new HashMap<>());
            zoneCounts.add(new long[3]);
            dwells.add(new ArrayList<>());
        });
        List<JsonNode> events = new ArrayList<>();
        for (String jsonLine : jsonLines) {
            JsonNode frame = JSON.readTree(jsonLine);
            long frameIndex = frame.get("frame").asLong();
            long pts = frame.get("pts_us").asLong();
            List<JsonNode> tracks = frame.get("tracks").valueStream().toList();
            List<ObjectNode> frameEvents = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                for (JsonNode track : tracks) {
                    int id = track.get("track_id").asInt();
                    double[] p = anchor(track);
                    int side = side(line, p[0], p[1]);
                    if (side == 0) {
                        continue;
                    }
                    double[] last = lastOffLine.get(i).put(id, new double[] {side, p[0], p[1]});
                    if (last != null && last[0] != side && meets(line, last[1], last[2], p[0], p[1])) {
                        boolean in = side > 0;
                        lineTotals.get(i)[in ? 0 : 1]++;
                        lineByClass.get(i).computeIfAbsent(className(track), c -> new long[2])[in ? 0 : 1]++;
                        ObjectNode event = event(frameIndex, pts, "line_crossed", line.name(), id, track);
                        event.put("direction", in ? "in" : "out");
                        event.putObject("counts").put("in", lineTotals.get(i)[0]).put("out", lineTotals.get(i)[1]);
                        frameEvents.add(event);
                    }
                }
            }
            for (int i = 0; i < zones.size(); i++) {
                Zone zone = zones.get(i);
                List<Boolean> inside = tracks.stream().map(t -> pnpoly(zone, anchor(t)[0], anchor(t)[1])).toList();
                long occupancy = inside.stream().filter(b -> b).count();
                long[] counts = zoneCounts.get(i);
                counts[2] = Math.max(counts[2], occupancy);
                for (int t = 0; t < tracks.size(); t++) {
                    JsonNode track = tracks.get(t);
                    int id = track.get("track_id").asInt();
                    long[] visit = openVisits.get(i).get(id);
                    if (inside.get(t)) {
                        if (visit == null) {
                            openVisits.get(i).put(id, new long[] {pts, pts});
                            counts[0]++;
                            frameEvents.add(event(frameIndex, pts, "zone_entered", zone.name(), id, track)
                                    .put("occupancy", occupancy));
                        } else {
                            visit[1] = pts;
                        }
                    } else if (visit != null) {
                        openVisits.get(i).remove(id);
                        dwells.get(i).add(visit[1] - visit[0]);
                        counts[1]++;
                        frameEvents.add(event(frameIndex, pts, "zone_exited", zone.name(), id, track)
                                .put("occupancy", occupancy));
                    }
                }
            }
            for (int n = 0; n < frameEvents.size(); n++) {
                ObjectNode event = frameEvents.get(n);
                event.put("task_id", taskId).put("event_id", taskId + ":" + frameIndex + ":" + n);
                events.add(JSON.readTree(JSON.writeValueAsString(event)));
            }
        }
        List<LineTotals> lineResults = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, List<Long>> byClass = new LinkedHashMap<>();
            lineByClass.get(i).forEach((name, inOut) -> byClass.put(name, List.of(inOut[0], inOut[1])));
            lineResults.add(new LineTotals(lines.get(i).name(), lineTotals.get(i)[0], lineTotals.get(i)[1], byClass));
        }
        List<ZoneTotals> zoneResults = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            List<Long> visits = new ArrayList<>(dwells.get(i));
            openVisits.get(i).values().forEach(visit -> visits.add(visit[1] - visit[0]));
            long sum = visits.stream().mapToLong(Long::longValue).sum();
            long longest = visits.stream().mapToLong(Long::longValue).max().orElse(0);
            long[] counts = zoneCounts.get(i);
            zoneResults.add(new ZoneTotals(zones.get(i).name(), counts[0], counts[1], counts[2],
                    visits.isEmpty() ? 0 : sum / (double) visits.size() / MICROS_PER_SECOND,
                    longest / MICROS_PER_SECOND));
        }
        return new Result(new Totals(lineResults, zoneResults), events);
    }

    /** A live event without {@code task_id}, {@code event_id}, {@code counts} and {@code occupancy}. */
    public static JsonNode withoutTopicFields(JsonNode liveEvent) {
        ObjectNode copy = (ObjectNode) liveEvent.deepCopy();
        copy.remove(List.of("task_id", "event_id", "counts", "occupancy"));
        return copy;
    }

    /** The bottom centre of a track's box, where it meets the floor. */
    private static double[] anchor(JsonNode track) {
        JsonNode box = track.get("box");
        return new double[] {(box.get(0).asDouble() + box.get(2).asDouble()) / 2, box.get(3).asDouble()};
    }

    /** {@code sign(cross(b−a, p−a))}. */
    private static int side(Line line, double x, double y) {
        double cross = cross(line.bx() - line.ax(), line.by() - line.ay(), x - line.ax(), y - line.ay());
        return cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }

    /** Whether segment {@code p→q} meets {@code a→b}: a and b not both strictly on one side of it. */
    private static boolean meets(Line line, double px, double py, double qx, double qy) {
        double toA = cross(qx - px, qy - py, line.ax() - px, line.ay() - py);
        double toB = cross(qx - px, qy - py, line.bx() - px, line.by() - py);
        return !(toA > 0 && toB > 0) && !(toA < 0 && toB < 0);
    }

    private static double cross(double ux, double uy, double vx, double vy) {
        return ux * vy - uy * vx;
    }

    /** The even-odd rule as PNPOLY computes it. */
    private static boolean pnpoly(Zone zone, double x, double y) {
        double[][] v = zone.polygon();
        boolean inside = false;
        for (int i = 0, j = v.length - 1; i < v.length; j = i++) {
            if ((v[i][1] > y) != (v[j][1] > y)
                    && x < (v[j][0] - v[i][0]) * (y - v[i][1]) / (v[j][1] - v[i][1]) + v[i][0]) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static ObjectNode event(long frame, long pts, String type, String name, int trackId, JsonNode track) {
        ObjectNode event = JSON.createObjectNode();
        event.put("frame", frame).put("pts_us", pts).put("type", type).put("name", name).put("track_id", trackId)
                .put("class_name", className(track));
        return event;
    }

    private static String className(JsonNode track) {
        int classId = track.get("class_id").asInt();
        if (classId != 0) {
            throw new AssertionError("a track of class " + classId + " in a task that tracks people only: " + track);
        }
        return "person";
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
