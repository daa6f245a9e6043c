package io.stride.annotation.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads the types of an MP4 file's top-level boxes (atoms), in file order. */
public final class Mp4Boxes {

    private static final int HEADER = 8;
    private static final int LARGE_SIZE_FIELD = 8;

    private Mp4Boxes() {
    }

    public static List<String> topLevel(Path file) throws IOException {
        List<String> types = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            long end = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER + LARGE_SIZE_FIELD);
            while (position + HEADER <= end) {
                header.clear();
                channel.read(header, position);
                header.flip();
                long size = Integer.toUnsignedLong(header.getInt());
                byte[] type = new byte[4];
                header.get(type);
                types.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
                if (size == 1) {
                    size = header.getLong();
                } else if (size == 0) {
                    size = end - position;
                }
                if (size < HEADER) {
                    throw new IOException("corrupt box size " + size + " at " + position + " of " + file);
                }
                position += size;
            }
        }
        return types;
    }
}
