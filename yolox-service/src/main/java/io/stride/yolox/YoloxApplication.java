package io.stride.yolox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The YOLOX detection stage: {@code raw_frames_<task>} in, {@code yolox_<task>} out. */
@SpringBootApplication
public class YoloxApplication {

    public static void main(String[] args) {
        SpringApplication.run(YoloxApplication.class, args);
    }
}
