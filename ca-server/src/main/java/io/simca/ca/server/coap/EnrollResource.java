package io.simca.ca.server.coap;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.issue.CsrEncoding;
import io.simca.ca.issue.EnrollmentOutcome;
import io.simca.ca.issue.EnrollmentSubmission;
import io.simca.ca.issue.IssuanceEngine;
import io.simca.ca.issue.PresentedCredentials;
import io.simca.ca.policy.ClientCertificate;
import io.simca.ca.policy.EnrollmentRequest;
import io.simca.ca.server.ServerContext;
import io.simca.ca.server.est.ClientCertificates;
import io.simca.est.codec.CertsOnly;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /.well-known/est/[<label>/]sen} and {@code .../sren} (RFC 9148 §4.1, RFC 7030 §4.2):
 * a DER PKCS#10 (Content-Format 286, reassembled from Block1 blocks by Californium) in, 2.04 with
 * the certificate out (281 certs-only, or 287 when the client asks for a bare certificate).
 *
 * <p>Authorisation is the HTTPS path's: {@code /sen} carries the attestation token inside the CSR
 * (attribute {@code ...1.2}, which the engine reads); {@code /sren} adds the DTLS client
 * certificate, checked by the same {@link ClientCertificates} as HTTPS re-enrolment. The engine
 * runs on the server's blocking executor, never on Californium's threads, and answers only once the
 * certificate is committed. Refusals before the engine are audited through it.
 */
final class EnrollResource extends CoapResource {

  private static final Logger LOG = LoggerFactory.getLogger(EnrollResource.class);

  private final EnrollmentRequest.Kind kind;
  private final ServerContext ctx;
  private final IssuanceEngine engine;
  private final ClientCertificates clientCertificates;
  private final InFlight inFlight;

  private EnrollResource(
      String name,
      String resourceType,
      EnrollmentRequest.Kind kind,
      ServerContext ctx,
      IssuanceEngine engine,
      ClientCertificates clientCertificates,
      InFlight inFlight) {
    super(name);
    this.kind = kind;
    this.ctx = ctx;
    this.engine = engine;
    this.clientCertificates = clientCertificates;
    this.inFlight = inFlight;
    getAttributes().addResourceType(resourceType);
    getAttributes().addContentType(EstContentFormats.CERTS_ONLY);
    getAttributes().addContentType(EstContentFormats.PKIX_CERT);
  }

  /** {@code /sen}: simple enrolment (RFC 7030 §4.2.1). */
  static EnrollResource enroll(
      ServerContext ctx, IssuanceEngine engine, ClientCertificates certs, InFlight inFlight) {
    return new EnrollResource(
        "sen", "ace.est.sen", EnrollmentRequest.Kind.ENROLL, ctx, engine, certs, inFlight);
  }

  /** {@code /sren}: simple re-enrolment with the current certificate (RFC 7030 §4.2.2). */
  static EnrollResource reenroll(
      ServerContext ctx, IssuanceEngine engine, ClientCertificates certs, InFlight inFlight) {
    return new EnrollResource(
        "sren", "ace.est.sren", EnrollmentRequest.Kind.REENROLL, ctx, engine, certs, inFlight);
  }

  @Override
  public void handlePOST(CoapExchange exchange) {
    String address = EstCoapRequests.clientAddress(exchange);
    if (!inFlight.enter()) {
      exchange.respond(CoapErrors.response(InFlight.shuttingDown()));
      return;
    }
    long start = System.nanoTime();
    int format;
    IssuingCa ca;
    try {
      EstContentFormats.requirePkcs10(exchange);
      format =
          EstContentFormats.negotiate(
              exchange, EstContentFormats.CERTS_ONLY, EstContentFormats.PKIX_CERT);
      ca = EstCoapRequests.issuingCa(exchange, ctx.hierarchy(), ctx.config().ca().defaultLabel());
    } catch (CaException e) {
      refuseBeforeEngine(exchange, address, e);
      return;
    }
    byte[] csr = exchange.getRequestPayload();
    // RFC 9148 §3: on /sen the token in the CSR is the credential and any certificate is ignored;
    // on /sren the handshake's certificate is the current one.
    List<Certificate> chain =
        kind == EnrollmentRequest.Kind.REENROLL ? EstCoapRequests.peerChain(exchange) : List.of();
    ctx.bulkheads()
        .enrollment()
        .run(
            () -> {
              Optional<ClientCertificate> current =
                  kind == EnrollmentRequest.Kind.REENROLL
                      ? Optional.of(clientCertificates.inspect(chain))
                      : Optional.empty();
              return engine.enroll(
                  new EnrollmentSubmission(
                      kind,
                      ca.label(),
                      csr,
                      CsrEncoding.DER,
                      PresentedCredentials.NONE,
                      current,
                      address));
            })
        .onComplete(
            ar -> {
              try {
                if (ar.succeeded()) {
                  record(ar.result(), start);
                  exchange.respond(reply(ar.result(), format));
                } else {
                  exchange.respond(CoapErrors.response(unexpected(ar.cause())));
                }
              } finally {
                inFlight.exit();
              }
            });
  }

  private void refuseBeforeEngine(CoapExchange exchange, String address, CaException error) {
    ctx.bulkheads()
        .enrollment()
        .run(
            () -> {
              engine.auditRejected(kind, address, error);
              return null;
            })
        .onComplete(
            ar -> {
              try {
                exchange.respond(CoapErrors.response(error));
              } finally {
                inFlight.exit();
              }
            });
  }

  /** RFC 9148 §4.5: 2.04 Changed with the certificate; refusals through {@link CoapErrors}. */
  private static Response reply(EnrollmentOutcome outcome, int format) {
    return switch (outcome) {
      case EnrollmentOutcome.Issued issued -> {
        Response response = new Response(ResponseCode.CHANGED);
        response.getOptions().setContentFormat(format);
        response.setPayload(
            format == EstContentFormats.PKIX_CERT
                ? der(issued)
                : CertsOnly.encodeDer(List.of(issued.certificate())));
        yield response;
      }
      case EnrollmentOutcome.Refused refused -> CoapErrors.response(refused.error());
    };
  }

  private static byte[] der(EnrollmentOutcome.Issued issued) {
    try {
      return issued.certificate().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("issued certificate does not encode", e);
    }
  }

  private void record(EnrollmentOutcome outcome, long startNanos) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
    switch (outcome) {
      case EnrollmentOutcome.Issued issued ->
          ctx.metrics()
              .enrolment(kind.eventType(), "allow", issued.rekey() ? "rekey" : "issued", latency);
      case EnrollmentOutcome.Refused refused ->
          ctx.metrics().enrolment(kind.eventType(), "deny", refused.error().reason(), latency);
    }
  }

  /** The store failed under the engine (5.03 + Max-Age), or a bug (5.00, logged, never input). */
  private CaException unexpected(Throwable cause) {
    if (cause instanceof CaException ce) {
      return ce;
    }
    LOG.error("EST-coaps {} failed unexpectedly", kind.eventType(), cause);
    return new CaException(ErrorKind.INTERNAL, "internal_error", "internal error");
  }
}
