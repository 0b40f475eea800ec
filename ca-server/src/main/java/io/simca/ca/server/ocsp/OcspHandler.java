package io.simca.ca.server.ocsp;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.ocsp.OcspAnswer;
import io.simca.ca.ocsp.OcspGetRequest;
import io.simca.ca.ocsp.OcspRequestParser;
import io.simca.ca.ocsp.OcspResponder;
import io.simca.ca.ocsp.OcspResponseSigner;
import io.simca.ca.server.ServerContext;
import io.simca.est.codec.EstMediaTypes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ocsp} ({@code application/ocsp-request}) and {@code GET /ocsp/<base64>} (RFC 6960
 * Appendix A.1). Every OCSP outcome is HTTP 200 {@code application/ocsp-response} (RFC 6960 §2.3),
 * a body that is not DER included (malformedRequest); only what is not an OCSP request at the HTTP
 * level (empty, undecodable GET path, wrong media type, too large) gets a 4xx. Cacheable answers
 * carry the RFC 5019 §6 headers, and a GET with a matching validator gets 304.
 */
final class OcspHandler {

  private static final Logger LOG = LoggerFactory.getLogger(OcspHandler.class);
  static final String REQUEST_TYPE = "application/ocsp-request";
  static final String RESPONSE_TYPE = "application/ocsp-response";
  private static final String PREFIX = "/ocsp/";

  private final ServerContext ctx;
  private final OcspResponder responder;
  private final int maxBytes;

  private OcspHandler(ServerContext ctx, OcspResponder responder) {
    this.ctx = ctx;
    this.responder = responder;
    this.maxBytes = ctx.config().ocsp().maxRequestBytes();
  }

  static void mount(Router router, ServerContext ctx, OcspResponder responder) {
    OcspHandler h = new OcspHandler(ctx, responder);
    // Two routes: Vert.x wants a body handler first on its route, and the 415 must not wait for the
    // body.
    router.post("/ocsp").handler(h::checkContentType);
    router
        .post("/ocsp")
        .handler(BodyHandler.create(false).setBodyLimit(h.maxBytes))
        .handler(h::post);
    router.get("/ocsp/*").method(HttpMethod.HEAD).handler(h::get);
  }

  private void checkContentType(RoutingContext rc) {
    if (!EstMediaTypes.hasMediaType(
        rc.request().getHeader(HttpHeaders.CONTENT_TYPE), REQUEST_TYPE)) {
      throw new CaException(
          ErrorKind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "expected " + REQUEST_TYPE);
    }
    rc.next();
  }

  private void post(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    answer(rc, body == null ? new byte[0] : body.getBytes(), false);
  }

  private void get(RoutingContext rc) {
    // RFC 6960 A.1: the raw path keeps '+' and '/' as the client sent them.
    String path = rc.request().path();
    // "/ocsp/*" also matches "/ocsp" itself: a GET without a request.
    String raw = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
    byte[] der = OcspGetRequest.decode(raw, maxBytes);
    answer(rc, der, true);
  }

  private void answer(RoutingContext rc, byte[] der, boolean isGet) {
    if (der.length == 0) {
      // No request at all is an HTTP-level mistake (a bare GET /ocsp, an empty POST).
      rc.fail(CaException.malformed("empty_request", "empty OCSP request"));
      return;
    }
    switch (OcspRequestParser.parse(der)) {
      // RFC 6960 §2.3: a request the responder cannot parse gets malformedRequest, whether its
      // bytes are not DER at all or DER of the wrong shape; an OCSP client reads that, not a 400.
      case OcspRequestParser.NotDer n ->
          send(rc, new OcspAnswer.Failed(OcspResponseSigner.MALFORMED_REQUEST), isGet);
      case OcspRequestParser.Malformed m ->
          send(rc, new OcspAnswer.Failed(OcspResponseSigner.MALFORMED_REQUEST), isGet);
      case OcspRequestParser.Parsed p -> {
        Optional<OcspAnswer> fast = responder.fromMemory(p);
        if (fast.isPresent()) {
          send(rc, fast.get(), isGet);
        } else {
          ctx.bulkheads()
              .ocsp()
              .run(() -> responder.answer(p))
              .onComplete(
                  ar -> {
                    if (ar.failed()) {
                      LOG.warn("OCSP answer failed: {}", ar.cause().toString());
                    }
                    boolean storeDown =
                        ar.failed()
                            && ar.cause() instanceof CaException ce
                            && ce.kind() == ErrorKind.UNAVAILABLE;
                    send(
                        rc,
                        ar.succeeded()
                            ? ar.result()
                            : new OcspAnswer.Failed(
                                storeDown
                                    ? OcspResponseSigner.TRY_LATER
                                    : OcspResponseSigner.INTERNAL_ERROR),
                        isGet);
                  });
        }
      }
    }
  }

  private void send(RoutingContext rc, OcspAnswer answer, boolean isGet) {
    HttpServerResponse resp = rc.response();
    Instant now = ctx.clock().instant();
    resp.putHeader(HttpHeaders.CONTENT_TYPE, RESPONSE_TYPE)
        .putHeader("Date", HttpDates.format(now));
    if (answer instanceof OcspAnswer.Signed s && s.cacheable()) {
      // RFC 5019 §6.2: caching headers derived from the response's own validity window.
      String etag = s.etag();
      long maxAge = Math.max(0, Duration.between(now, s.nextUpdate()).toSeconds());
      resp.putHeader(
              HttpHeaders.CACHE_CONTROL,
              "max-age=" + maxAge + ", public, no-transform, must-revalidate")
          .putHeader(HttpHeaders.ETAG, etag)
          .putHeader(HttpHeaders.LAST_MODIFIED, HttpDates.format(s.thisUpdate()))
          .putHeader(HttpHeaders.EXPIRES, HttpDates.format(s.nextUpdate()));
      if (isGet
          && HttpDates.notModified(
              rc.request().getHeader(HttpHeaders.IF_NONE_MATCH),
              rc.request().getHeader(HttpHeaders.IF_MODIFIED_SINCE),
              etag,
              s.thisUpdate())) {
        ctx.metrics().ocsp("not_modified");
        resp.setStatusCode(304).end();
        return;
      }
    } else {
      resp.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    ctx.metrics()
        .ocsp(
            switch (answer) {
              case OcspAnswer.Signed signed -> "successful";
              case OcspAnswer.Failed failed ->
                  switch (failed.status()) {
                    case OcspResponseSigner.MALFORMED_REQUEST -> "malformed_request";
                    case OcspResponseSigner.UNAUTHORIZED -> "unauthorized";
                    case OcspResponseSigner.TRY_LATER -> "try_later";
                    default -> "internal_error";
                  };
            });
    resp.end(Buffer.buffer(answer.der()));
  }
}
