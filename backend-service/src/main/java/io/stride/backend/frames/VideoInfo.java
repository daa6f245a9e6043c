package io.stride.backend.frames;

/** What probing an upload found out. {@code estimatedFrames} comes from the container and may be off. */
public record VideoInfo(int width, int height, double fps, long estimatedFrames, String format, String codec) {
}
