package io.simca.ca.server.admin;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Admin API authentication and role gates. TLS already required a client certificate chaining to
 * our hierarchy with the operator key purpose ({@link OperatorTrustManager}); here the certificate
 * must also carry the clientAuth EKU and an operator role, its stored credential must be live
 * ({@link OperatorGate}: not revoked, not expired, on every node within a second), and the route
 * must allow that role (auditor: read-only; attester: only its own routes).
 */
public final class AdminAuth {

  /** Routing-context key under which the {@link Operator} is stored. */
  public static final String OPERATOR = "simca.operator";

  /** Roles that may read the SIM inventory, certificates, audit and CAs. */
  public static final Set<OperatorRole> READERS =
      EnumSet.of(OperatorRole.ADMIN, OperatorRole.OPERATOR, OperatorRole.AUDITOR);

  /**
   * Roles that may look SIMs up for attestation: the readers and the network attester service (its
   * read-only lookup route mounts with this set).
   */
  public static final Set<OperatorRole> SIM_LOOKUP =
      EnumSet.of(
          OperatorRole.ADMIN, OperatorRole.OPERATOR, OperatorRole.AUDITOR, OperatorRole.ATTESTER);

  /** Roles that may change SIMs, certificates and CRLs. */
  public static final Set<OperatorRole> WRITERS =
      EnumSet.of(OperatorRole.ADMIN, OperatorRole.OPERATOR);

  /** Roles that may manage the hierarchy and operators. */
  public static final Set<OperatorRole> ADMINS = EnumSet.of(OperatorRole.ADMIN);

  private static final String CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";

  private AdminAuth() {}

  /** First handler on every admin route: resolves the operator or fails 401/403 (503). */
  public static void authenticate(RoutingContext rc, OperatorGate gate) {
    X509Certificate cert = peerCertificate(rc);
    try {
      List<String> eku = cert.getExtendedKeyUsage();
      if (eku == null || !eku.contains(CLIENT_AUTH_EKU)) {
        throw CaException.forbidden(
            "not_an_operator", "client certificate lacks the clientAuth extended key usage");
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw CaException.forbidden("not_an_operator", "client certificate extensions unreadable");
    }
    OperatorRole role =
        OperatorProfile.roleOf(cert)
            .orElseThrow(
                () ->
                    CaException.forbidden(
                        "not_an_operator", "client certificate carries no operator role"));
    // The store check may go off the event loop: hold the body until a route's BodyHandler (which
    // resumes it) or the handler is reached, or Vert.x would consume it meanwhile.
    if (!rc.request().isEnded()) {
      rc.request().pause();
    }
    gate.admit(cert.getSerialNumber(), role, clientAddr(rc))
        .onSuccess(
            row -> {
              rc.put(OPERATOR, new Operator(row.name(), role, row.serial().toString(16)));
              rc.next();
            })
        .onFailure(rc::fail);
  }

  private static String clientAddr(RoutingContext rc) {
    var addr = rc.request().remoteAddress();
    return addr == null ? null : addr.hostAddress();
  }

  /** A handler that lets only {@code roles} through. */
  public static io.vertx.core.Handler<RoutingContext> require(Set<OperatorRole> roles) {
    return rc -> {
      Operator op = operator(rc);
      if (!roles.contains(op.role())) {
        throw CaException.forbidden(
            "role_forbidden",
            "role "
                + op.role().name().toLowerCase(java.util.Locale.ROOT)
                + " may not "
                + rc.request().method()
                + " "
                + rc.normalizedPath());
      }
      rc.next();
    };
  }

  public static Operator operator(RoutingContext rc) {
    Operator op = rc.get(OPERATOR);
    if (op == null) {
      throw new CaException(
          ErrorKind.UNAUTHORIZED, "no_client_certificate", "operator certificate required");
    }
    return op;
  }

  private static X509Certificate peerCertificate(RoutingContext rc) {
    try {
      List<Certificate> chain = rc.request().connection().peerCertificates();
      if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x) {
        return x;
      }
    } catch (SSLPeerUnverifiedException e) {
      // fall through
    }
    throw new CaException(
        ErrorKind.UNAUTHORIZED, "no_client_certificate", "operator certificate required");
  }
}
