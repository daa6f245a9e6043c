package io.stride.rtsp.protocol;

import io.stride.rtsp.protocol.Transport.LowerTransport;
import io.stride.rtsp.protocol.Transport.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a {@code Transport} request header: comma-separated alternatives in the client's order of preference,
 * each {@code protocol/profile[/lower];param;param=value…}. Parameters the relay does not act on ({@code ttl},
 * {@code ssrc}, {@code destination}…) are ignored; {@code destination} in particular, so a client cannot make
 * the server send a stream to a third party.
 */
public final class TransportHeader {

    private static final int MAX_PORT = 0xFFFF;

    private TransportHeader() {
    }

    /**
     * @throws IllegalArgumentException if the header is empty or a number in it is malformed
     */
    public static List<Transport> parse(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("missing Transport header");
        }
        List<Transport> alternatives = new ArrayList<>();
        for (String spec : header.split(",")) {
            if (!spec.isBlank()) {
                alternatives.add(parseOne(spec.strip()));
            }
        }
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("empty Transport header");
        }
        return List.copyOf(alternatives);
    }

    private static Transport parseOne(String spec) {
        String[] params = spec.split(";");
        String[] protocol = params[0].strip().toUpperCase(Locale.ROOT).split("/");
        if (protocol.length < 2) {
            throw new IllegalArgumentException("malformed transport: " + spec);
        }
        String profile = protocol[0] + "/" + protocol[1];
        LowerTransport lower = protocol.length == 2 ? LowerTransport.UDP : lowerTransport(protocol[2]);
        boolean multicast = false;
        Optional<PortPair> interleaved = Optional.empty();
        Optional<PortPair> clientPorts = Optional.empty();
        Mode mode = Mode.PLAY;
        for (int i = 1; i < params.length; i++) {
            String param = params[i].strip();
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : unquote(param.substring(eq + 1).strip());
            switch (name) {
                case "multicast" -> multicast = true;
                case "interleaved" -> interleaved = Optional.of(PortPair.parse(value, InterleavedFrame.MAX_CHANNEL));
                case "client_port" -> clientPorts = Optional.of(PortPair.parse(value, MAX_PORT));
                case "mode" -> mode = "RECORD".equalsIgnoreCase(value) || "RECEIVE".equalsIgnoreCase(value)
                        ? Mode.RECORD : Mode.PLAY;
                default -> {
                    // Not acted on by the relay.
                }
            }
        }
        return new Transport(profile, lower, multicast, interleaved, clientPorts, mode);
    }

    private static LowerTransport lowerTransport(String name) {
        return switch (name) {
            case "UDP" -> LowerTransport.UDP;
            case "TCP" -> LowerTransport.TCP;
            default -> LowerTransport.OTHER;
        };
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
