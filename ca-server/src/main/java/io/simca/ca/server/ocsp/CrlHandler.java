package io.simca.ca.server.ocsp;

import io.simca.ca.crl.CrlService;
import io.simca.ca.crl.PublishedCrl;
import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.pki.RootRevocationUrls;
import io.simca.ca.server.ServerContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /crl/<name>.crl}: the DER CRL (RFC 5280 §5, {@code application/pkix-crl}) of the
 * issuing CA generation that {@code name} designates ({@link IssuingCa#publicName()}: {@code
 * <label>} for the first generation, {@code <label>-g<gen>} after rotations), the URL its
 * certificates name in their CRL distribution point, for as long as they have not expired. ETag and
 * Last-Modified, 304 on a match.
 */
final class CrlHandler {

  /**
   * Relying parties may cache a CRL this long: it is regenerated within seconds of a revocation.
   */
  static final Duration MAX_AGE = Duration.ofSeconds(60);

  private final ServerContext ctx;
  private final CrlService crls;
  private final RootCrlFile rootCrl;

  private CrlHandler(ServerContext ctx, CrlService crls) {
    this.ctx = ctx;
    this.crls = crls;
    this.rootCrl = new RootCrlFile(ctx.dataDir().rootCrl());
  }

  static void mount(Router router, ServerContext ctx, CrlService crls) {
    router
        .getWithRegex("/crl/([a-z0-9][a-z0-9_-]{0,40})\\.crl")
        .method(HttpMethod.HEAD)
        .handler(new CrlHandler(ctx, crls)::handle);
  }

  private void handle(RoutingContext rc) {
    String name = rc.pathParam("param0");
    if (name.equals(RootRevocationUrls.ROOT)) {
      ctx.bulkheads()
          .ocsp()
          .run(rootCrl::read)
          .onSuccess(
              crl -> {
                if (crl.isEmpty()) {
                  rc.fail(
                      new CaException(
                          ErrorKind.NOT_FOUND,
                          "no_root_crl",
                          "the root CRL has not been published (simca ca refresh-root)"));
                } else {
                  answer(rc, crl.get().der(), crl.get().etag(), crl.get().lastModified());
                }
              })
          .onFailure(rc::fail);
      return;
    }
    IssuingCa ca =
        resolve(ctx.hierarchy(), name)
            .orElseThrow(
                () ->
                    new CaException(ErrorKind.NOT_FOUND, "unknown_label", "no CRL '" + name + "'"));
    PublishedCrl crl =
        crls.current(ca.keyId())
            .orElseThrow(
                () -> CaException.unavailable("CRL not generated yet", Duration.ofSeconds(2)));
    answer(rc, crl.der(), crl.etag(), crl.thisUpdate());
  }

  private static void answer(RoutingContext rc, byte[] der, String etag, Instant lastModified) {
    HttpServerResponse resp =
        rc.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/pkix-crl")
            .putHeader(
                HttpHeaders.CACHE_CONTROL,
                "public, max-age=" + MAX_AGE.toSeconds() + ", no-transform")
            .putHeader(HttpHeaders.ETAG, etag)
            .putHeader(HttpHeaders.LAST_MODIFIED, HttpDates.format(lastModified));
    if (HttpDates.notModified(
        rc.request().getHeader(HttpHeaders.IF_NONE_MATCH),
        rc.request().getHeader(HttpHeaders.IF_MODIFIED_SINCE),
        etag,
        lastModified)) {
      resp.setStatusCode(304).end();
      return;
    }
    resp.end(Buffer.buffer(der));
  }

  /** The generation a CRL URL names ({@link LoadedHierarchy#byPublicName}). */
  static Optional<IssuingCa> resolve(LoadedHierarchy h, String name) {
    return h.byPublicName(name);
  }
}
