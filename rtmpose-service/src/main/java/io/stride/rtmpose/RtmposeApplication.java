package io.stride.rtmpose;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The RTMPose stage service: consumes {@code bytetrack_*}, adds poses, produces {@code rtmpose_*}. */
@SpringBootApplication
public class RtmposeApplication {

    public static void main(String[] args) {
        SpringApplication.run(RtmposeApplication.class, args);
    }
}
