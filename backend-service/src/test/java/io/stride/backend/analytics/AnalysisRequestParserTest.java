package io.stride.backend.analytics;

import io.stride.core.analytics.Point;
import io.stride.core.analytics.CountingLine;
import io.stride.core.analytics.Zone;
import io.stride.core.analytics.AnalysisRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalysisRequestParserTest {

    @Test
    void readsLinesAndZones() {
        AnalysisRequest request = AnalysisRequestParser.parse("""
                {"lines": [{"name": "door", "from": [10, 20.5], "to": [300, 20.5]}],
                 "zones": [{"name": "queue", "polygon": [[0, 0], [50, 0], [50, 40]]}]}""");

        assertThat(request).isEqualTo(new AnalysisRequest(
                List.of(new CountingLine("door", new Point(10, 20.5), new Point(300, 20.5))),
                List.of(new Zone("queue", List.of(new Point(0, 0), new Point(50, 0), new Point(50, 40))))));
    }

    @Test
    void eitherListMayBeLeftOut() {
        assertThat(AnalysisRequestParser.parse("{\"lines\": [{\"name\": \"a\", \"from\": [0, 0], \"to\": [1, 0]}]}")
                .zones()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty body          | ''                                                                  | the body is empty
            not JSON            | {"lines": [                                                         | the body is not valid JSON
            not an object       | []                                                                  | the body: expected an object with lines, zones
            unknown key         | {"lines": [], "colour": "red"}                                      | colour: unknown field (expected lines, zones)
            key given twice     | {"lines": [], "lines": []}                                          | the body is not valid JSON: Duplicate Object property
            nothing to do       | {"lines": [], "zones": []}                                          | lines, zones: give at least one line or zone
            lines not a list    | {"lines": {}}                                                       | lines: expected an array
            unknown line key    | {"lines": [{"name": "a", "from": [0, 0], "to": [1, 0], "width": 2}]} | lines[0].width: unknown field (expected from, name, to)
            no name             | {"lines": [{"from": [0, 0], "to": [1, 0]}]}                         | lines[0].name: expected a non-empty string
            blank name          | {"lines": [{"name": " ", "from": [0, 0], "to": [1, 0]}]}            | lines[0].name: expected a non-empty string
            zero length         | {"lines": [{"name": "a", "from": [5, 5], "to": [5, 5]}]}            | lines[0]: from and to are the same point (5.0, 5.0), a line of zero length
            point not a pair    | {"lines": [{"name": "a", "from": [0, 0, 0], "to": [1, 0]}]}         | lines[0].from: expected a point [x, y] of two numbers
            point of strings    | {"lines": [{"name": "a", "from": [0, 0], "to": ["1", "0"]}]}        | lines[0].to: expected a point [x, y] of two numbers
            negative point      | {"lines": [{"name": "a", "from": [0, 0], "to": [-1, 0]}]}           | lines[0].to: (-1.0, 0.0) is outside the frame (negative coordinate)
            two points          | {"zones": [{"name": "z", "polygon": [[0, 0], [1, 1]]}]}             | zones[0].polygon: 2 points; a polygon needs at least 3 and at most 1000
            bad vertex          | {"zones": [{"name": "z", "polygon": [[0, 0], [1, 1], [2]]}]}        | zones[0].polygon[2]: expected a point [x, y] of two numbers
            no polygon          | {"zones": [{"name": "z"}]}                                          | zones[0].polygon: expected an array of points [[x, y], …]
            names in lines      | {"lines": [{"name": "a", "from": [0, 0], "to": [1, 0]}, {"name": "a", "from": [0, 1], "to": [1, 1]}]} | lines[1].name: 'a' is already the name of lines[0]
            names across        | {"lines": [{"name": "a", "from": [0, 0], "to": [1, 0]}], "zones": [{"name": "a", "polygon": [[0, 0], [1, 0], [1, 1]]}]} | zones[0].name: 'a' is already the name of lines[0]
            """)
    void refusesNamingTheField(String what, String body, String message) {
        assertThatThrownBy(() -> AnalysisRequestParser.parse(body))
                .isInstanceOf(InvalidAnalysisRequest.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void boundsTheWork() {
        String line = "{\"name\": \"l%d\", \"from\": [0, 0], \"to\": [1, 0]}";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= AnalysisRequestParser.MAX_LINES; i++) {
            lines.append(i == 0 ? "" : ",").append(line.formatted(i));
        }
        assertThatThrownBy(() -> AnalysisRequestParser.parse("{\"lines\": [" + lines + "]}"))
                .hasMessage("lines: 101 given, at most 100");
    }
}
