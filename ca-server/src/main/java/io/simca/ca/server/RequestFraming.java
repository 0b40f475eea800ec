package io.simca.ca.server;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Request-head rules of RFC 9112 that decide how a message is framed and routed; a request that
 * breaks one gets 400 and its connection is closed, so a cache or proxy in front (OCSP is often
 * behind one) can never frame the rest of the stream differently from us.
 */
final class RequestFraming {

  /** Set by {@link FramingDecoder} when Netty dropped a Content-Length in favour of chunked. */
  static final String CONTENT_LENGTH_WITH_CHUNKED = "x-simca-content-length-with-chunked";

  private RequestFraming() {}

  /** Why {@code request} must be refused, or empty. */
  static Optional<String> violation(HttpServerRequest request) {
    List<String> hosts = request.headers().getAll("Host");
    // RFC 9112 §3.2: 400 for an HTTP/1.1 request without Host, or with more than one.
    if (hosts.size() > 1) {
      return Optional.of("more than one Host header field");
    }
    if (hosts.isEmpty() && request.version() == HttpVersion.HTTP_1_1) {
      return Optional.of("HTTP/1.1 request without a Host header field");
    }
    // RFC 9112 §6.1: Content-Length with Transfer-Encoding may be request smuggling; reject and
    // close (Netty keeps only the chunked framing, and tells us through the marker header).
    if (request.headers().contains(CONTENT_LENGTH_WITH_CHUNKED)) {
      return Optional.of("both Content-Length and Transfer-Encoding");
    }
    List<String> te = request.headers().getAll("Transfer-Encoding");
    if (!te.isEmpty()) {
      // RFC 9112 §6.3 (4): unless chunked is the final coding the length is unknown: 400.
      String all = String.join(",", te).toLowerCase(Locale.ROOT);
      String last = all.substring(all.lastIndexOf(',') + 1).strip();
      if (!last.equals("chunked")) {
        return Optional.of("Transfer-Encoding does not end in chunked");
      }
    }
    return Optional.empty();
  }
}
