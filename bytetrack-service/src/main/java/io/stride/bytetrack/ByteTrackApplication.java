package io.stride.bytetrack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ByteTrack stage: reads {@code yolox_<task>}, adds tracks, writes {@code bytetrack_<task>}. */
@SpringBootApplication
public class ByteTrackApplication {

    public static void main(String[] args) {
        SpringApplication.run(ByteTrackApplication.class, args);
    }
}
