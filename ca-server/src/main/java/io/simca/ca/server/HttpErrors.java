package io.simca.ca.server;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses. Device and OCSP clients get a short
 * text/plain line (RFC 7030 §4.2.3 leaves the body free, and BC's EST client reads it as text); the
 * admin API gets RFC 9457 problem+json. Clients never see a stack trace.
 */
public final class HttpErrors {

  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  /** How a route family renders errors. */
  public enum Style {
    TEXT,
    PROBLEM_JSON
  }

  private HttpErrors() {}

  /** A failure handler for a router: maps {@link CaException}, body-limit and routing failures. */
  public static void handle(RoutingContext ctx, Style style) {
    Throwable failure = ctx.failure();
    CaException e;
    if (failure instanceof CaException ce) {
      e = ce;
    } else if (failure == null) {
      e = fromStatus(ctx.statusCode());
    } else if (failure instanceof io.vertx.ext.web.handler.HttpException he) {
      e = fromStatus(he.getStatusCode());
    } else {
      LOG.error(
          "unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      e = new CaException(ErrorKind.INTERNAL, "internal_error", "internal error");
    }
    send(ctx, e, style);
  }

  public static void send(RoutingContext ctx, CaException e, Style style) {
    send(ctx, e, style, null);
  }

  /**
   * As {@link #send(RoutingContext, CaException, Style)}, with RFC 9457 §3.2 extension members
   * added to a problem+json body (e.g. the bad rows of a SIM import); ignored for text.
   */
  public static void send(RoutingContext ctx, CaException e, Style style, JsonObject extensions) {
    HttpServerResponse resp = ctx.response();
    if (resp.ended() || resp.headWritten()) {
      return;
    }
    int status = e.kind().httpStatus();
    resp.setStatusCode(status);
    e.retryAfter()
        .ifPresent(d -> resp.putHeader("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
    if (e.kind() == ErrorKind.METHOD_NOT_ALLOWED) {
      AllowedMethods.forPath(ctx.request().path()).ifPresent(m -> resp.putHeader("Allow", m));
    }
    if (e.kind() == ErrorKind.UNAUTHORIZED) {
      // RFC 7030 §3.2.3 / RFC 7235 §4.1: a 401 names the scheme the client should use.
      resp.putHeader("WWW-Authenticate", "Basic realm=\"simca\"");
    }
    if (style == Style.PROBLEM_JSON) {
      JsonObject problem =
          new JsonObject()
              .put("type", "urn:simca:problem:" + e.reason())
              .put("title", e.reason())
              .put("status", status)
              .put("detail", e.detail());
      if (extensions != null) {
        extensions.forEach(m -> problem.put(m.getKey(), m.getValue()));
      }
      resp.putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end(problem.encode());
    } else {
      resp.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(e.detail() + "\n");
    }
  }

  static CaException fromStatus(int status) {
    return switch (status) {
      case 400 -> CaException.malformed("bad_request", "bad request");
      case 401 -> new CaException(ErrorKind.UNAUTHORIZED, "unauthorized", "credentials required");
      case 403 -> CaException.forbidden("forbidden", "forbidden");
      case 404 -> new CaException(ErrorKind.NOT_FOUND, "not_found", "not found");
      case 405 ->
          new CaException(ErrorKind.METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed");
      case 413 ->
          new CaException(ErrorKind.PAYLOAD_TOO_LARGE, "body_too_large", "request body too large");
      case 415 ->
          new CaException(
              ErrorKind.UNSUPPORTED_MEDIA_TYPE,
              "unsupported_media_type",
              "unsupported content type");
      case 503 -> CaException.unavailable("service unavailable", java.time.Duration.ofSeconds(5));
      default -> new CaException(ErrorKind.INTERNAL, "internal_error", "internal error");
    };
  }
}
