package io.stride.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The MOTChallenge lines of annotation lines as the annotation service writes them. */
class MotChallengeTracksTest {

    @Test
    void eachTrackBecomesALineWithOneBasedFrameAndWidthAndHeight() {
        String line = "{\"frame\":0,\"pts_us\":0,\"detections\":[{\"box\":[1,2,3,4],\"score\":0.5,\"class_id\":2,"
                + "\"class_name\":\"car\"}],\"tracks\":[{\"track_id\":3,\"box\":[100.25,50.5,180.75,250.0],"
                + "\"score\":0.9123,\"class_id\":0},{\"track_id\":7,\"box\":[10.1,20.2,30.3,60.6],\"score\":0.6,"
                + "\"class_id\":0}],\"poses\":[]}";

        assertThat(MotChallengeTracks.rows(line)).containsExactly(
                "1,3,100.25,50.50,80.50,199.50,0.9123,-1,-1,-1",
                "1,7,10.10,20.20,20.20,40.40,0.6000,-1,-1,-1");
    }

    @Test
    void aFrameWithoutTracksHasNoLine() {
        assertThat(MotChallengeTracks.rows(
                "{\"frame\":41,\"pts_us\":1640000,\"detections\":[],\"tracks\":[],\"poses\":[]}")).isEmpty();
    }

    @Test
    void framesCountFromOne() {
        String line = "{\"frame\":41,\"tracks\":[{\"track_id\":1,\"box\":[0,0,10,20],\"score\":1.0,\"class_id\":0}]}";

        assertThat(MotChallengeTracks.rows(line)).containsExactly("42,1,0.00,0.00,10.00,20.00,1.0000,-1,-1,-1");
    }

    @Test
    void aLineThatIsNotAFrameIsRefused() {
        assertThatThrownBy(() -> MotChallengeTracks.rows("{\"tracks\":[]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MotChallengeTracks.rows("not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
