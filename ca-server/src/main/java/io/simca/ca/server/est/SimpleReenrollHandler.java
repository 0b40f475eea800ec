package io.simca.ca.server.est;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.issue.CsrEncoding;
import io.simca.ca.issue.EnrollmentSubmission;
import io.simca.ca.issue.IssuanceEngine;
import io.simca.ca.issue.PresentedCredentials;
import io.simca.ca.policy.EnrollmentRequest;
import io.simca.ca.server.ServerContext;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /.well-known/est/[<label>/]simplereenroll} (RFC 7030 §4.2.2): renewal over mutual TLS
 * with the current certificate, which {@link ClientCertificates} checks (the TLS layer accepted it
 * unverified); by default with a fresh attestation token as well.
 */
final class SimpleReenrollHandler {

  private final ServerContext ctx;
  private final IssuanceEngine engine;
  private final ClientCertificates clientCertificates;

  SimpleReenrollHandler(
      ServerContext ctx, IssuanceEngine engine, ClientCertificates clientCertificates) {
    this.ctx = ctx;
    this.engine = engine;
    this.clientCertificates = clientCertificates;
  }

  void handle(RoutingContext rc) {
    IssuingCa ca = EstLabels.issuingCa(rc, ctx);
    EnrollmentReplies.requirePkcs10(rc);
    List<Certificate> chain = ClientCertificates.peerChain(rc);
    byte[] body = EnrollmentReplies.body(rc);
    PresentedCredentials credentials =
        AuthorizationHeaders.read(rc.request().getHeader("Authorization"));
    String address = EnrollmentReplies.clientAddress(rc);
    long start = System.nanoTime();
    ctx.bulkheads()
        .enrollment()
        .run(
            () ->
                engine.enroll(
                    new EnrollmentSubmission(
                        EnrollmentRequest.Kind.REENROLL,
                        ca.label(),
                        body,
                        CsrEncoding.BASE64,
                        credentials,
                        Optional.of(clientCertificates.inspect(chain)),
                        address)))
        .onSuccess(
            outcome -> {
              EnrollmentReplies.record(ctx, "reenroll", outcome, start);
              EnrollmentReplies.reply(rc, outcome);
            })
        .onFailure(rc::fail);
  }
}
