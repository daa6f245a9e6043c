package io.stride.e2e.bench;

import java.util.Map;
import java.util.TreeMap;

/** Reads sample values out of a Prometheus text exposition ({@code /actuator/prometheus}). */
final class PrometheusText {

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /**
     * The sum of every sample of {@code metric} whose labels include all of {@code labels}; 0 when none has
     * (a timer that never recorded is not exported yet).
     */
    double sum(String metric, Map<String, String> labels) {
        return sumsBy(metric, null, labels).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The sums of the samples of {@code metric} whose labels include all of {@code labels}, grouped by the value
     * of label {@code groupBy} (all under {@code ""} when it is null), in the order of those values.
     */
    Map<String, Double> sumsBy(String metric, String groupBy, Map<String, String> labels) {
        Map<String, Double> sums = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int nameEnd = line.indexOf('{');
            int valueStart = line.lastIndexOf(' ');
            if (valueStart < 0) {
                continue;
            }
            String name = line.substring(0, nameEnd >= 0 ? nameEnd : valueStart);
            if (!name.equals(metric)) {
                continue;
            }
            String labelText = nameEnd >= 0 ? line.substring(nameEnd, line.lastIndexOf('}') + 1) : "";
            boolean matches = labels.entrySet().stream()
                    .allMatch(e -> labelText.contains(label(e.getKey(), e.getValue())));
            if (matches) {
                sums.merge(groupBy == null ? "" : labelValue(labelText, groupBy),
                        Double.parseDouble(line.substring(valueStart + 1).trim()), Double::sum);
            }
        }
        return sums;
    }

    private static String label(String name, String value) {
        return name + "=\"" + value + "\"";
    }

    private static String labelValue(String labelText, String name) {
        String prefix = name + "=\"";
        int start = labelText.indexOf(prefix);
        if (start < 0) {
            return "";
        }
        start += prefix.length();
        return labelText.substring(start, labelText.indexOf('"', start));
    }
}
