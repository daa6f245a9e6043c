package io.stride.rtsp.session;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.stride.rtsp.limit.RefusalLog;
import io.stride.rtsp.protocol.InterleavedFrame;
import io.stride.rtsp.protocol.MessageTimeout;
import io.stride.rtsp.protocol.RequestUri;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of one RTSP connection's pipeline: answers requests in order, relays a publisher's interleaved packets,
 * and cleans up when the connection goes. A request whose answer is not ready yet (a DESCRIBE waiting for a
 * publisher, a UDP SETUP binding ports) holds back the requests behind it, so answers never overtake each other;
 * a client that queues more than {@link io.stride.rtsp.RtspServerSettings#maxQueuedRequests()} behind it is
 * disconnected, as it cannot be answered out of turn.
 *
 * <p>Broken framing (binary garbage, a malformed request line, an oversized message) is answered with
 * {@code 400}, a message that does not arrive in time with {@code 408}, and the connection is closed; a well-formed
 * request with an error gets its error status and the connection stays open. Nothing here affects other
 * connections, and what turns a client away is logged through the server's {@link RefusalLog}.
 */
final class RtspConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RtspConnectionHandler.class);

    private final ServerContext server;
    private final ConnectionSessions sessions;
    private final ArrayDeque<FullHttpRequest> held = new ArrayDeque<>();
    private RequestProcessor processor;
    private ChannelHandlerContext ctx;
    private boolean answerPending;

    RtspConnectionHandler(ServerContext server) {
        this.server = server;
        this.sessions = new ConnectionSessions(server.registry());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.processor = new RequestProcessor(server, sessions, context.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        try {
            if (msg instanceof InterleavedFrame frame) {
                onInterleaved(frame);
            } else if (msg instanceof FullHttpRequest request) {
                onRequest(request);
            } else {
                log.debug("ignoring {} from {}", msg.getClass().getSimpleName(), context.channel().remoteAddress());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onInterleaved(InterleavedFrame frame) {
        Optional<ConnectionSessions.PublishedChannel> published = sessions.publishedChannel(frame.channel());
        if (published.isPresent() && published.get().session().state() == SessionState.RECORD) {
            var bound = published.get();
            bound.session().livePath().relay(bound.track(), bound.rtcp(), frame.content());
            return;
        }
        // A reader's RTCP receiver report: proof of life, nothing to forward.
        sessions.all().stream().filter(s -> !s.isPublisher()).forEach(RtspSession::touch);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        for (RtspSession session : sessions.all()) {
            if (session.state() == SessionState.RECORD) {
                session.livePath().flushReaders();
            }
        }
        context.fireChannelReadComplete();
    }

    private void onRequest(FullHttpRequest request) {
        if (!answerPending) {
            answer(request);
        } else if (held.size() < server.settings().maxQueuedRequests()) {
            held.add(request.retain());
        } else {
            refused(RefusalLog.Cause.QUEUE_FULL, "maximum " + server.settings().maxQueuedRequests());
            ctx.close();
        }
    }

    private void answer(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            badFramingAndClose(request.decoderResult().cause());
            return;
        }
        String cseq = request.headers().get(RtspHeaderNames.CSEQ);
        if (cseq == null || cseq.isBlank() || !cseq.strip().chars().allMatch(Character::isDigit)) {
            log.debug("{} {} without a valid CSeq", request.method(), RequestUri.redacted(request.uri()));
            write(null, RtspResponses.status(RtspResponseStatuses.BAD_REQUEST));
            return;
        }
        if (!RtspVersions.RTSP_1_0.equals(request.protocolVersion())) {
            // Netty's decoder takes any version string; an HTTP request sent here is answered, not misread.
            write(cseq, RtspResponses.status(RtspResponseStatuses.RTSP_VERSION_NOT_SUPPORTED));
            return;
        }
        CompletableFuture<FullHttpResponse> answer = process(request);
        String method = request.method().name();
        String uri = RequestUri.redacted(request.uri());
        if (answer.isDone()) {
            write(cseq, responseOf(answer, method, uri));
            return;
        }
        answerPending = true;
        answer.handleAsync((response, error) -> {
            answerPending = false;
            write(cseq, responseOf(answer, method, uri));
            answerHeld();
            return null;
        }, ctx.executor());
    }

    private CompletableFuture<FullHttpResponse> process(FullHttpRequest request) {
        try {
            return processor.process(request).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answerHeld() {
        while (!answerPending && !held.isEmpty()) {
            FullHttpRequest next = held.poll();
            try {
                answer(next);
            } finally {
                next.release();
            }
        }
    }

    private static FullHttpResponse responseOf(CompletableFuture<FullHttpResponse> answer, String method, String uri) {
        try {
            return answer.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RequestRejectedException rejected) {
                log.debug("{} {} -> {}: {}", method, uri, rejected.status(), rejected.getMessage());
                return RtspResponses.rejection(rejected.status());
            }
            log.warn("{} {} failed", method, uri, cause);
            return RtspResponses.status(RtspResponseStatuses.INTERNAL_SERVER_ERROR);
        }
    }

    private void write(String cseq, FullHttpResponse response) {
        if (cseq != null) {
            response.headers().set(RtspHeaderNames.CSEQ, cseq.strip());
        }
        response.headers().set(RtspHeaderNames.SERVER, RtspResponses.SERVER);
        if (response.content().isReadable()) {
            response.headers().setInt(RtspHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        }
        ctx.writeAndFlush(response);
    }

    private void badFramingAndClose(Throwable cause) {
        // Redacted: a malformed request line may still carry a credential in its URL.
        refused(RefusalLog.Cause.NOT_RTSP, RequestUri.redacted(String.valueOf(cause.getMessage())));
        answerAndClose(RtspResponseStatuses.BAD_REQUEST);
    }

    /** An answer that is no request's (the request could not be read), so it has no CSeq; then the close. */
    private void answerAndClose(HttpResponseStatus status) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse response = RtspResponses.status(status);
        response.headers().set(RtspHeaderNames.SERVER, RtspResponses.SERVER);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void refused(RefusalLog.Cause cause, String detail) {
        server.refusals().refused(cause, ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(), detail);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof DecoderException) {
            badFramingAndClose(cause);
        } else if (cause instanceof IOException) {
            log.debug("connection {} failed: {}", context.channel().remoteAddress(), cause.getMessage());
            context.close();
        } else {
            log.warn("closing {} after an unexpected error", context.channel().remoteAddress(), cause);
            context.close();
        }
    }

    /**
     * Nothing read for a session timeout. A recording publisher or a TCP reader is kept (its TCP connection is the
     * proof of life; players need not send keep-alives then); a UDP reader is kept while its UDP ports hear from it.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof MessageTimeout timeout) {
            refused(RefusalLog.Cause.REQUEST_TIMEOUT, (timeout.beforeFirstRequest() ? "no request" : "a message")
                    + " within " + timeout.timeout());
            answerAndClose(RtspResponseStatuses.REQUEST_TIMEOUT);
            return;
        }
        if (!(event instanceof IdleStateEvent)) {
            context.fireUserEventTriggered(event);
            return;
        }
        long timeoutNanos = server.settings().sessionTimeout().toNanos();
        boolean alive = sessions.all().stream().anyMatch(s -> s.state() == SessionState.RECORD
                || (s.state() == SessionState.PLAY
                        && (s.tcpOutput() != null || s.nanosSinceSignOfLife() < timeoutNanos)));
        if (!alive) {
            log.info("closing {}: no sign of life for {}", context.channel().remoteAddress(),
                    server.settings().sessionTimeout());
            context.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        sessions.endAll();
        held.forEach(FullHttpRequest::release);
        held.clear();
        context.fireChannelInactive();
    }
}
