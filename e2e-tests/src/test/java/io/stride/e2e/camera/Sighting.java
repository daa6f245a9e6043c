package io.stride.e2e.camera;

/**
 * One picture a reader of an RTSP stream decoded.
 *
 * @param wallNanos  {@link System#nanoTime()} when it was decoded
 * @param stamp      its frame stamp, {@code FrameIndexStamp.UNREADABLE} (-1) when it has none
 * @param greyShare  the share of its (sampled) pixels that are the placeholder's mid grey, 0–1
 * @param connection which connection of the reader it came on, from 1
 */
public record Sighting(long wallNanos, int stamp, double greyShare, int connection) {

    public boolean stamped() {
        return stamp >= 0;
    }
}
