package io.stride.e2e.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A camera's {@code segments/} directory as it is now: closed segments are {@code NNNNNN.mp4} with their
 * {@code NNNNNN.jsonl}; the open one has {@code .part} names.
 *
 * @param bytes              everything in it, open segment and manifest included
 * @param closed             closed segments
 * @param newest             number of the newest closed segment, 0 if none
 * @param largestClosedBytes the largest closed segment, MP4 and JSON Lines together
 */
record SegmentFiles(long bytes, int closed, int newest, long largestClosedBytes) {

    private static final String MP4 = ".mp4";
    private static final String JSONL = ".jsonl";

    static SegmentFiles of(Path segments) throws IOException {
        if (!Files.isDirectory(segments)) {
            return new SegmentFiles(0, 0, 0, 0);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(segments)) {
            files = listing.toList();
        }
        long bytes = 0;
        int closed = 0;
        int newest = 0;
        long largest = 0;
        for (Path file : files) {
            long size = sizeOrZero(file);
            bytes += size;
            String name = file.getFileName().toString();
            if (name.endsWith(MP4)) {
                String number = name.substring(0, name.length() - MP4.length());
                closed++;
                newest = Math.max(newest, Integer.parseInt(number));
                largest = Math.max(largest, size + sizeOrZero(segments.resolve(number + JSONL)));
            }
        }
        return new SegmentFiles(bytes, closed, newest, largest);
    }

    /** A file retention deleted between the listing and now weighs nothing. */
    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
