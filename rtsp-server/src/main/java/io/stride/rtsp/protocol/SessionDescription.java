package io.stride.rtsp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SDP a publisher announces (RFC 4566), kept as lines and split into the session part and one section per
 * media ("track"). The relay does not interpret codecs: it only needs the number of tracks, each track's
 * {@code a=control} (to recognise the publisher's SETUP URLs), and a copy for readers whose controls it owns.
 */
public final class SessionDescription {

    private static final String CONTROL = "a=control:";
    private static final String MEDIA = "m=";
    private static final String CRLF = "\r\n";
    /** Controls readers see; {@code trackID=N} is what FFmpeg, GStreamer and live555 all resolve the same way. */
    private static final String READER_CONTROL_PREFIX = "trackID=";

    private final List<String> sessionLines;
    private final List<List<String>> mediaSections;

    private SessionDescription(List<String> sessionLines, List<List<String>> mediaSections) {
        this.sessionLines = sessionLines;
        this.mediaSections = mediaSections;
    }

    /**
     * @throws IllegalArgumentException if the text is not SDP (no {@code v=} first, a line not of the form
     *                                  {@code x=…}) or describes no media
     */
    public static SessionDescription parse(String sdp) {
        List<String> session = new ArrayList<>();
        List<List<String>> medias = new ArrayList<>();
        List<String> current = session;
        boolean first = true;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                throw new IllegalArgumentException("not an SDP line: " + line);
            }
            if (first && !line.startsWith("v=")) {
                throw new IllegalArgumentException("SDP must start with v=, got: " + line);
            }
            first = false;
            if (line.startsWith(MEDIA)) {
                current = new ArrayList<>();
                medias.add(current);
            }
            current.add(line);
        }
        if (medias.isEmpty()) {
            throw new IllegalArgumentException("SDP describes no media");
        }
        return new SessionDescription(List.copyOf(session), medias.stream().map(List::copyOf).toList());
    }

    public int trackCount() {
        return mediaSections.size();
    }

    /** The {@code a=control} value of a track as the publisher wrote it, if any. */
    public Optional<String> control(int track) {
        return mediaSections.get(track).stream()
                .filter(line -> line.startsWith(CONTROL))
                .map(line -> line.substring(CONTROL.length()).strip())
                .findFirst();
    }

    /** The control URL readers use for a track, relative to the {@code Content-Base} of DESCRIBE. */
    public static String readerControl(int track) {
        return READER_CONTROL_PREFIX + track;
    }

    /**
     * The description readers get: the same media, each with {@code a=control:trackID=N}, and no session-level
     * control, so the aggregate URL is the {@code Content-Base}. Rewriting is needed because the publisher's
     * controls ({@code streamid=0} for FFmpeg) are relative to its own URL, not necessarily resolvable.
     */
    public String forReaders() {
        var out = new StringBuilder();
        for (String line : sessionLines) {
            if (!line.startsWith(CONTROL)) {
                out.append(line).append(CRLF);
            }
        }
        for (int track = 0; track < mediaSections.size(); track++) {
            for (String line : mediaSections.get(track)) {
                if (!line.startsWith(CONTROL)) {
                    out.append(line).append(CRLF);
                }
            }
            out.append(CONTROL).append(readerControl(track)).append(CRLF);
        }
        return out.toString();
    }
}
