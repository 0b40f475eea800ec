package io.simca.ca.server.est;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.issue.EnrollmentOutcome;
import io.simca.ca.server.ServerContext;
import io.simca.est.codec.CertsOnly;
import io.simca.est.codec.EstMediaTypes;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;

/** Turns an {@link EnrollmentOutcome} into the simpleenroll / simplereenroll response. */
final class EnrollmentReplies {

  /** Routing-context flag: the failure was audited by the engine already. */
  static final String AUDITED = "simca.est.audited";

  private EnrollmentReplies() {}

  /**
   * Counts the outcome in /metrics: allow (with rekey noted) or deny with its reason code, and the
   * latency.
   */
  static void record(ServerContext ctx, String kind, EnrollmentOutcome outcome, long startNanos) {
    Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
    switch (outcome) {
      case EnrollmentOutcome.Issued issued ->
          ctx.metrics().enrolment(kind, "allow", issued.rekey() ? "rekey" : "issued", latency);
      case EnrollmentOutcome.Refused refused ->
          ctx.metrics().enrolment(kind, "deny", refused.error().reason(), latency);
    }
  }

  static void reply(RoutingContext rc, EnrollmentOutcome outcome) {
    switch (outcome) {
      // RFC 7030 §4.2.3: certs-only with just the issued certificate; exact content type for
      // libest.
      case EnrollmentOutcome.Issued issued ->
          EstResponses.base64(
              rc.response(),
              EstMediaTypes.PKCS7_CERTS_ONLY,
              CertsOnly.encodeBase64(List.of(issued.certificate())));
      case EnrollmentOutcome.Refused refused -> {
        rc.put(AUDITED, Boolean.TRUE);
        rc.fail(refused.error());
      }
    }
  }

  /** 415 unless the request says {@code application/pkcs10} (RFC 7030 §4.2.1). */
  static void requirePkcs10(RoutingContext rc) {
    if (!EstMediaTypes.isPkcs10(rc.request().getHeader("Content-Type"))) {
      throw new CaException(
          ErrorKind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "unsupported_media_type: send the CSR as application/pkcs10");
    }
  }

  static byte[] body(RoutingContext rc) {
    return rc.body() == null || rc.body().buffer() == null
        ? new byte[0]
        : rc.body().buffer().getBytes();
  }

  static String clientAddress(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "" : rc.request().remoteAddress().hostAddress();
  }
}
