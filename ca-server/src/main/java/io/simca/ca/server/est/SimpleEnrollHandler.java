package io.simca.ca.server.est;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.issue.CsrEncoding;
import io.simca.ca.issue.EnrollmentSubmission;
import io.simca.ca.issue.IssuanceEngine;
import io.simca.ca.policy.EnrollmentRequest;
import io.simca.ca.server.ServerContext;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /.well-known/est/[<label>/]simpleenroll} (RFC 7030 §4.2.1): a PKCS#10 CSR with the
 * SIM attestation token as credentials. Everything after the label and content-type checks is the
 * issuance engine's, off the event loop.
 */
final class SimpleEnrollHandler {

  private final ServerContext ctx;
  private final IssuanceEngine engine;

  SimpleEnrollHandler(ServerContext ctx, IssuanceEngine engine) {
    this.ctx = ctx;
    this.engine = engine;
  }

  void handle(RoutingContext rc) {
    IssuingCa ca = EstLabels.issuingCa(rc, ctx);
    EnrollmentReplies.requirePkcs10(rc);
    EnrollmentSubmission submission =
        new EnrollmentSubmission(
            EnrollmentRequest.Kind.ENROLL,
            ca.label(),
            EnrollmentReplies.body(rc),
            CsrEncoding.BASE64,
            AuthorizationHeaders.read(rc.request().getHeader("Authorization")),
            Optional.empty(),
            EnrollmentReplies.clientAddress(rc));
    long start = System.nanoTime();
    ctx.bulkheads()
        .enrollment()
        .run(() -> engine.enroll(submission))
        .onSuccess(
            outcome -> {
              EnrollmentReplies.record(ctx, "enroll", outcome, start);
              EnrollmentReplies.reply(rc, outcome);
            })
        .onFailure(rc::fail);
  }
}
