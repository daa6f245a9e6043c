package io.stride.rtsp.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.stride.rtsp.PortRange;
import io.stride.rtsp.limit.AddressQuota;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Lends UDP port pairs (RTP even, RTCP odd) out of a {@link PortRange}, one per track of a UDP reader, at most so
 * many to one client address, and binds them without blocking the caller. Whatever a client sends to a lent pair
 * (RTCP receiver reports, the "hole punching" packets FFmpeg sends) only counts as a sign of life for its session.
 */
public final class UdpPortPool {

    /** The client address holds its maximum of pairs already. */
    public static final class AddressQuotaReached extends IllegalStateException {
        AddressQuotaReached(InetAddress client, int max) {
            super(client.getHostAddress() + " holds its maximum of " + max + " UDP port pairs");
        }
    }

    /** Operating-system ports come one at a time; an odd one or a taken neighbour means trying again. */
    private static final int EPHEMERAL_ATTEMPTS = 32;

    private final EventLoopGroup group;
    private final String bindHost;
    private final PortRange range;
    private final WriteBufferWaterMark waterMark;
    private final Set<Integer> lent = ConcurrentHashMap.newKeySet();
    private final AddressQuota perClient;

    /** @param maxPairsPerClient pairs one client address may hold at once */
    public UdpPortPool(EventLoopGroup group, String bindHost, PortRange range, WriteBufferWaterMark waterMark,
            int maxPairsPerClient) {
        this.group = group;
        this.bindHost = bindHost;
        this.range = range;
        this.waterMark = waterMark;
        this.perClient = new AddressQuota(maxPairsPerClient);
    }

    /**
     * Binds a free pair for a client; releasing the pair gives it back to the pool and to the client's quota.
     *
     * @param onPacket run for every datagram a client sends to the pair
     * @return the pair, or a future failed with {@link AddressQuotaReached} when the client holds its maximum, or
     *         with another exception when the range has no free pair
     */
    public CompletableFuture<UdpPortPair> allocate(InetAddress client, Runnable onPacket) {
        if (!perClient.tryAcquire(client)) {
            return CompletableFuture.failedFuture(new AddressQuotaReached(client, perClient.maxPerAddress()));
        }
        var result = new CompletableFuture<UdpPortPair>();
        IntConsumer onRelease = rtpPort -> {
            lent.remove(rtpPort);
            perClient.release(client);
        };
        if (range.isEphemeral()) {
            tryEphemeral(onPacket, onRelease, EPHEMERAL_ATTEMPTS, result);
        } else {
            tryFrom(PortRange.firstEven(range.first()), onPacket, onRelease, result);
        }
        result.whenComplete((pair, error) -> {
            if (error != null) {
                perClient.release(client);
            }
        });
        return result;
    }

    public int pairsInUse() {
        return lent.size();
    }

    static int localPort(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private void tryFrom(int candidate, Runnable onPacket, IntConsumer onRelease,
            CompletableFuture<UdpPortPair> result) {
        int port = candidate;
        while (port + 1 <= range.last() && !lent.add(port)) {
            port += 2;
        }
        if (port + 1 > range.last()) {
            result.completeExceptionally(new IllegalStateException("no free UDP port pair in " + range));
            return;
        }
        int rtpPort = port;
        bindPair(rtpPort, onPacket, onRelease).whenComplete((pair, error) -> {
            if (error == null) {
                result.complete(pair);
            } else {
                lent.remove(rtpPort);
                tryFrom(rtpPort + 2, onPacket, onRelease, result);
            }
        });
    }

    private void tryEphemeral(Runnable onPacket, IntConsumer onRelease, int attemptsLeft,
            CompletableFuture<UdpPortPair> result) {
        if (attemptsLeft == 0) {
            result.completeExceptionally(new IllegalStateException("no free ephemeral UDP port pair"));
            return;
        }
        bind(0, onPacket).addListener((ChannelFuture rtpBound) -> {
            if (!rtpBound.isSuccess()) {
                result.completeExceptionally(rtpBound.cause());
                return;
            }
            Channel rtp = rtpBound.channel();
            int rtpPort = localPort(rtp);
            if (rtpPort % 2 != 0 || !lent.add(rtpPort)) {
                rtp.close();
                tryEphemeral(onPacket, onRelease, attemptsLeft - 1, result);
                return;
            }
            bind(rtpPort + 1, onPacket).addListener((ChannelFuture rtcpBound) -> {
                if (rtcpBound.isSuccess()) {
                    result.complete(new UdpPortPair(rtp, rtcpBound.channel(), onRelease));
                } else {
                    rtp.close();
                    lent.remove(rtpPort);
                    tryEphemeral(onPacket, onRelease, attemptsLeft - 1, result);
                }
            });
        });
    }

    private CompletableFuture<UdpPortPair> bindPair(int rtpPort, Runnable onPacket, IntConsumer onRelease) {
        var pair = new CompletableFuture<UdpPortPair>();
        bind(rtpPort, onPacket).addListener((ChannelFuture rtpBound) -> {
            if (!rtpBound.isSuccess()) {
                pair.completeExceptionally(rtpBound.cause());
                return;
            }
            bind(rtpPort + 1, onPacket).addListener((ChannelFuture rtcpBound) -> {
                if (rtcpBound.isSuccess()) {
                    pair.complete(new UdpPortPair(rtpBound.channel(), rtcpBound.channel(), onRelease));
                } else {
                    rtpBound.channel().close();
                    pair.completeExceptionally(rtcpBound.cause());
                }
            });
        });
        return pair;
    }

    private ChannelFuture bind(int port, Runnable onPacket) {
        return new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                        onPacket.run();
                    }
                })
                .bind(new InetSocketAddress(bindHost, port));
    }
}
