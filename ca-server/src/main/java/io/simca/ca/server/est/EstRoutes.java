package io.simca.ca.server.est;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.issue.IssuanceEngine;
import io.simca.ca.policy.EnrollmentRequest;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.Arrays;

/**
 * Mounts the EST operations (RFC 7030 §3.2.2) on {@code /.well-known/est/} and {@code
 * /.well-known/est/<label>/}: cacerts, csrattrs, simpleenroll, simplereenroll. Request bodies are
 * capped at {@code server.maxBodyBytes} (413). An enrolment refused before it reaches the engine
 * (unknown label, wrong content type, body too large) is audited through the engine by this
 * router's failure handler, so every refusal leaves an audit record; missing credentials get {@link
 * EstChallenge}'s 401. Every answer of the listener has canonical header names ({@link
 * CanonicalHeaderNames}).
 *
 * <p>Mount before the router's generic failure handler: this one audits, then passes on.
 */
public final class EstRoutes {

  private static final String BASE = "/\\.well-known/est/(?:(?<label>[A-Za-z0-9._~-]+)/)?";

  private EstRoutes() {}

  public static void mount(
      Router router,
      ServerContext ctx,
      IssuanceEngine engine,
      ClientCertificates clientCertificates) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(ctx.config().server().maxBodyBytes());
    // First route of the listener: every EST answer, errors and unmatched paths included, leaves
    // with canonical header names.
    router.route().handler(CanonicalHeaderNames::install);
    router
        .getWithRegex(BASE + "cacerts")
        .method(HttpMethod.HEAD)
        .handler(new CaCertsHandler(ctx)::handle);
    router
        .getWithRegex(BASE + "csrattrs")
        .method(HttpMethod.HEAD)
        .handler(new CsrAttrsHandler(ctx)::handle);
    router
        .postWithRegex(BASE + "simpleenroll")
        .handler(body)
        .handler(new SimpleEnrollHandler(ctx, engine)::handle)
        .failureHandler(auditing(ctx, engine, EnrollmentRequest.Kind.ENROLL));
    router
        .postWithRegex(BASE + "simplereenroll")
        .handler(body)
        .handler(new SimpleReenrollHandler(ctx, engine, clientCertificates)::handle)
        .failureHandler(auditing(ctx, engine, EnrollmentRequest.Kind.REENROLL));
  }

  private static Handler<RoutingContext> auditing(
      ServerContext ctx, IssuanceEngine engine, EnrollmentRequest.Kind kind) {
    return rc -> {
      CaException error = asCaException(rc);
      Future<Void> audited = Future.succeededFuture();
      // Overload refusals (bulkhead full) are counted, not audited: an audit row each would add
      // load.
      if (rc.get(EnrollmentReplies.AUDITED) == null && !CaException.BUSY.equals(error.reason())) {
        String address = EnrollmentReplies.clientAddress(rc);
        audited =
            ctx.bulkheads()
                .enrollment()
                .run(
                    () -> {
                      engine.auditRejected(kind, address, error);
                      return null;
                    });
      }
      audited.onComplete(
          ar -> {
            if (error.kind() == ErrorKind.UNAUTHORIZED) {
              EstChallenge.send(rc.response());
            } else {
              rc.next();
            }
          });
    };
  }

  private static CaException asCaException(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof CaException ce) {
      return ce;
    }
    int status = failure instanceof HttpException he ? he.getStatusCode() : rc.statusCode();
    ErrorKind kind =
        Arrays.stream(ErrorKind.values())
            .filter(k -> k.httpStatus() == status)
            .findFirst()
            .orElse(ErrorKind.INTERNAL);
    String reason =
        kind == ErrorKind.PAYLOAD_TOO_LARGE
            ? "body_too_large"
            : kind.name().toLowerCase(java.util.Locale.ROOT);
    return new CaException(kind, reason, "request refused with HTTP " + status);
  }
}
