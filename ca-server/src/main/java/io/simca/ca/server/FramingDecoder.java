package io.simca.ca.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's HTTP/1.x request decoder, telling us when a request carried both Content-Length and
 * Transfer-Encoding. Netty resolves that conflict silently (RFC 9112 §6.3: chunked wins, the
 * Content-Length is dropped), but §6.1 wants the connection closed after such a request, which
 * needs the fact to reach {@link RequestFraming}. Vert.x has no public hook for its decoder, so
 * this replaces it on each new connection through Vert.x internals; if they change, it logs once
 * and the listener keeps Netty's behaviour (the other framing rules still hold).
 */
final class FramingDecoder extends VertxHttpRequestDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(FramingDecoder.class);
  private static final String NAME = "httpDecoder";
  private static volatile boolean warned;

  private FramingDecoder(HttpServerOptions options) {
    super(options);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    message.headers().set(RequestFraming.CONTENT_LENGTH_WITH_CHUNKED, "1");
    super.handleTransferEncodingChunkedWithContentLength(message);
  }

  /** Swaps the decoder of a fresh HTTP/1.x connection (before its first request is read). */
  static void install(HttpConnection connection, HttpServerOptions options) {
    try {
      if (connection instanceof ConnectionBase base) {
        ChannelPipeline pipeline = base.channel().pipeline();
        ChannelHandler current = pipeline.get(NAME);
        if (current instanceof VertxHttpRequestDecoder && !(current instanceof FramingDecoder)) {
          pipeline.replace(NAME, NAME, new FramingDecoder(options));
          return;
        }
      }
      warnOnce("no HTTP/1.x decoder named " + NAME + " on " + connection.getClass().getName());
    } catch (RuntimeException | LinkageError e) {
      warnOnce(e.toString());
    }
  }

  private static void warnOnce(String why) {
    if (!warned) {
      warned = true;
      LOG.warn(
          "cannot watch for Content-Length with Transfer-Encoding ({}); Netty's framing applies",
          why);
    }
  }
}
