package io.simca.ca.server;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.pki.RootRevocationUrls;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * {@code GET /ca/<label>.crt}: the issuing CA certificate in DER, the target of the AIA caIssuers
 * URL (RFC 5280 §4.2.2.1) of device certificates; {@code GET /ca/root.crt}: the root certificate,
 * the caIssuers target of the issuing CA certificates.
 */
final class CaCertificateHandler {

  private final ServerContext ctx;

  private CaCertificateHandler(ServerContext ctx) {
    this.ctx = ctx;
  }

  static void mount(Router router, ServerContext ctx) {
    router
        .getWithRegex("/ca/([a-z0-9][a-z0-9_-]{0,40})\\.crt")
        .method(HttpMethod.HEAD)
        .handler(new CaCertificateHandler(ctx)::handle);
  }

  private void handle(RoutingContext rc) {
    String label = rc.pathParam("param0");
    // The root certificate is the caIssuers target of the issuing CA certificates.
    X509Certificate cert =
        label.equals(RootRevocationUrls.ROOT)
            ? ctx.hierarchy().root()
            : ctx.hierarchy()
                .byPublicName(label)
                .map(IssuingCa::cert)
                .orElseThrow(
                    () ->
                        new CaException(
                            ErrorKind.NOT_FOUND, "unknown_label", "no issuing CA '" + label + "'"));
    try {
      // RFC 5280 §4.2.2.1: caIssuers over HTTP is a single DER certificate, application/pkix-cert.
      rc.response()
          .putHeader("Content-Type", "application/pkix-cert")
          .putHeader("Cache-Control", "public, max-age=3600")
          .end(Buffer.buffer(cert.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new CaException(ErrorKind.INTERNAL, "internal_error", "cannot encode CA certificate");
    }
  }
}
