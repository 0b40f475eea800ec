package io.simca.ca.server;

import java.util.Optional;

/**
 * The methods each fixed resource of the EST and OCSP/CRL listeners has, for the {@code Allow}
 * header that RFC 9110 §15.5.6 requires on every 405. Vert.x answers 405 when a path matched a
 * route of another method but does not say which methods those were.
 */
final class AllowedMethods {

  private AllowedMethods() {}

  static Optional<String> forPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    String last = p.substring(p.lastIndexOf('/') + 1);
    if (p.startsWith("/.well-known/est/")) {
      // RFC 7030 §3.2.2: cacerts and csrattrs are GET, the enrolment operations POST.
      return switch (last) {
        case "cacerts", "csrattrs" -> Optional.of("GET");
        case "simpleenroll", "simplereenroll" -> Optional.of("POST");
        default -> Optional.empty();
      };
    }
    // RFC 6960 Appendix A.1: OCSP over HTTP is GET or POST.
    if (p.equals("/ocsp") || p.startsWith("/ocsp/")) {
      return Optional.of("GET, POST");
    }
    if (p.startsWith("/crl") || p.equals("/health") || p.equals("/metrics")) {
      return Optional.of("GET");
    }
    return Optional.empty();
  }
}
