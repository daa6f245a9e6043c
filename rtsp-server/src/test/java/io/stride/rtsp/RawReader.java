package io.stride.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

/** A reader on a raw socket: DESCRIBE, SETUP of track 0 over interleaved TCP on chosen channels, PLAY. */
final class RawReader implements AutoCloseable {

    private final RawRtspClient client;
    private final String session;
    private final RawRtspClient.Reply play;

    private RawReader(RawRtspClient client, String session, RawRtspClient.Reply play) {
        this.client = client;
        this.session = session;
        this.play = play;
    }

    static RawReader playTcp(int port, String path, int rtpChannel) throws IOException {
        return playTcp(port, path, rtpChannel, 0);
    }

    static RawReader playTcp(int port, String path, int rtpChannel, int receiveBufferBytes) throws IOException {
        var client = RawRtspClient.connect(port, receiveBufferBytes);
        var describe = client.request("DESCRIBE", client.url(path), "Accept: application/sdp");
        assertThat(describe.status()).as("DESCRIBE " + path).isEqualTo(200);
        var setup = client.request("SETUP", describe.header("Content-Base") + "trackID=0",
                "Transport: RTP/AVP/TCP;unicast;interleaved=" + rtpChannel + "-" + (rtpChannel + 1));
        assertThat(setup.status()).as("SETUP").isEqualTo(200);
        var play = client.request("PLAY", describe.header("Content-Base"), "Session: " + setup.session(),
                "Range: npt=0.000-");
        assertThat(play.status()).as("PLAY").isEqualTo(200);
        return new RawReader(client, setup.session(), play);
    }

    RawRtspClient client() {
        return client;
    }

    String session() {
        return session;
    }

    RawRtspClient.Reply playReply() {
        return play;
    }

    RawRtspClient.Frame readFrame() throws IOException {
        return client.readFrame();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
