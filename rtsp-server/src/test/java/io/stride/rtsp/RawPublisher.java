package io.stride.rtsp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A publisher on a raw socket that ANNOUNCEs an H.264 description, sets up its one track over interleaved TCP
 * channels 0-1 and RECORDs, as FFmpeg does; then sends whatever RTP/RTCP packets a test makes up, so a reader
 * can be checked byte for byte.
 */
final class RawPublisher implements AutoCloseable {

    /** Session-level control and FFmpeg's {@code streamid=0} track control, which the relay rewrites for readers. */
    static final String SDP = String.join("\r\n",
            "v=0",
            "o=- 0 0 IN IP4 127.0.0.1",
            "s=Raw test stream",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "a=control:*",
            "m=video 0 RTP/AVP 96",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 packetization-mode=1",
            "a=control:streamid=0",
            "");
    static final int PAYLOAD_TYPE = 96;
    static final long SSRC = 0x1234_5678L;

    /** The server answered a publishing step with an error status. */
    static final class RefusedException extends IOException {
        private final int status;

        RefusedException(String what, int status) {
            super(what + ": " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final RawRtspClient client;
    private final String session;

    private RawPublisher(RawRtspClient client, String session) {
        this.client = client;
        this.session = session;
    }

    /** Announces {@link #SDP}, sets up and records; fails if the server refuses any step. */
    static RawPublisher start(int port, String path) throws IOException {
        return start(port, path, SDP, 1);
    }

    /**
     * Announces a description whose tracks have the controls {@code streamid=0…n-1}, sets up track {@code i} on
     * interleaved channels {@code 2i-2i+1} and records.
     */
    static RawPublisher start(int port, String path, String sdp, int tracks) throws IOException {
        return start(port, path, "", sdp, tracks);
    }

    /**
     * Publishes {@link #SDP} with a query on its URL, which FFmpeg repeats on every request and puts before the
     * track control: {@code ANNOUNCE <path>?<query>}, {@code SETUP <path>?<query>/streamid=0},
     * {@code RECORD <path>?<query>}.
     */
    static RawPublisher startWithQuery(int port, String path, String query) throws IOException {
        return start(port, path, "?" + query, SDP, 1);
    }

    private static RawPublisher start(int port, String path, String query, String sdp, int tracks) throws IOException {
        var client = RawRtspClient.connect(port);
        var announce = client.requestWithBody("ANNOUNCE", client.url(path) + query, "application/sdp", sdp);
        if (announce.status() != 200) {
            client.close();
            throw new RefusedException("ANNOUNCE of " + path + " refused", announce.status());
        }
        for (int track = 0; track < tracks; track++) {
            var setup = client.request("SETUP", client.url(path) + query + "/streamid=" + track,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=" + 2 * track + "-" + (2 * track + 1) + ";mode=record",
                    "Session: " + announce.session());
            if (setup.status() != 200) {
                client.close();
                throw new RefusedException("SETUP of track " + track + " refused", setup.status());
            }
        }
        var record = client.request("RECORD", client.url(path) + query, "Session: " + announce.session(),
                "Range: npt=0.000-");
        if (record.status() != 200) {
            client.close();
            throw new RefusedException("RECORD refused", record.status());
        }
        return new RawPublisher(client, announce.session());
    }

    /** An RTP packet: 12-byte header (version 2, payload type 96, the sequence number and timestamp) and a body. */
    static byte[] rtpPacket(int sequence, long timestamp, byte[] body) {
        var packet = new byte[12 + body.length];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) PAYLOAD_TYPE;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
            packet[8 + i] = (byte) (SSRC >> (24 - 8 * i));
        }
        System.arraycopy(body, 0, packet, 12, body.length);
        return packet;
    }

    /** A body that differs per sequence number, so a reader can tell packets apart. */
    static byte[] body(int sequence, int length) {
        var body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (sequence * 31 + i);
        }
        return body;
    }

    byte[] sendRtp(int sequence, long timestamp, int bodyLength) throws IOException {
        return sendRtp(0, sequence, timestamp, bodyLength);
    }

    byte[] sendRtp(int track, int sequence, long timestamp, int bodyLength) throws IOException {
        byte[] packet = rtpPacket(sequence, timestamp, body(sequence, bodyLength));
        client.sendFrame(2 * track, packet);
        return packet;
    }

    void sendRtcp(byte[] packet) throws IOException {
        client.sendFrame(1, packet);
    }

    /**
     * Returns once the server has handled every packet sent so far: it answers requests in order with the
     * packets on the same connection, so a keep-alive's answer comes after they were relayed.
     */
    void sync(String path) throws IOException {
        var reply = client.request("GET_PARAMETER", client.url(path), "Session: " + session);
        if (reply.status() != 200) {
            throw new IOException("keep-alive refused: " + reply.status());
        }
    }

    /** Sends RTP packets 0..count-1 of track 0 and the TEARDOWN in one write: the server reads them together. */
    RawRtspClient.Reply sendRtpThenTeardown(String path, int count, int bodyLength) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        for (int sequence = 0; sequence < count; sequence++) {
            packets.add(rtpPacket(sequence, sequence, body(sequence, bodyLength)));
        }
        return client.sendFramesThenRequest(0, packets, "TEARDOWN", client.url(path), "Session: " + session);
    }

    RawRtspClient.Reply teardown(String path) throws IOException {
        return client.request("TEARDOWN", client.url(path), "Session: " + session);
    }

    RawRtspClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
