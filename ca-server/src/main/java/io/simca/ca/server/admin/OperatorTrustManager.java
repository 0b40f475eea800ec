package io.simca.ca.server.admin;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.pki.OperatorProfile;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The admin listener's TLS client check: the chain must validate (PKIX) to the root or an issuing
 * CA of this hierarchy, and the leaf must carry simca's operator key purpose ({@link
 * OperatorProfile#OPERATOR_KEY_PURPOSE}), which device certificates never do. Either failure ends
 * the handshake with a precise alert (RFC 8446 §6.2): {@code unknown_ca} for a chain we do not
 * trust, {@code bad_certificate} for a trusted certificate that is not an operator's. Revocation
 * and expiry against the store are checked per request ({@link OperatorGate}), not here.
 */
public final class OperatorTrustManager implements X509TrustManager {

  private final X509TrustManager pkix;

  private OperatorTrustManager(X509TrustManager pkix) {
    this.pkix = pkix;
  }

  /** Trusts the root and every issuing CA generation of {@code hierarchy}. */
  public static OperatorTrustManager of(LoadedHierarchy hierarchy) {
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("root", hierarchy.root());
      int i = 0;
      for (IssuingCa ca : hierarchy.all()) {
        anchors.setCertificateEntry("issuing-" + i++, ca.cert());
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(anchors);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return new OperatorTrustManager(x);
        }
      }
      throw new IllegalStateException("no X.509 trust manager from PKIX");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the admin trust manager", e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw alert("no client certificate", CertificateVerifier.X509_V_ERR_UNSPECIFIED);
    }
    try {
      pkix.checkClientTrusted(chain, authType);
    } catch (CertificateException e) {
      // BoringSSL sends unknown_ca for this code; the JDK engine sends certificate_unknown.
      OpenSslCertificateException unknown =
          alert(
              "client certificate does not chain to this CA: " + e.getMessage(),
              CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
      unknown.initCause(e);
      throw unknown;
    }
    if (!OperatorProfile.hasOperatorKeyPurpose(chain[0])) {
      // X509_V_ERR_CERT_REJECTED: BoringSSL's bad_certificate.
      throw alert(
          "client certificate is not an operator credential (no simca operator key purpose)",
          CertificateVerifier.X509_V_ERR_CERT_REJECTED);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the admin listener checks clients only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private static OpenSslCertificateException alert(String message, int verifyError) {
    return new OpenSslCertificateException(message, verifyError);
  }
}
