package io.simca.ca.server.coap;

import java.net.InetSocketAddress;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * Accepts any X.509 client chain at the DTLS handshake, the way the HTTPS EST listener does: a
 * foreign, expired or revoked certificate then reaches {@code /sren} and gets a 4.03 with a reason
 * and an audit record (via {@code ClientCertificates}) instead of a bare handshake alert. The
 * handshake still proves possession of the leaf's key (CertificateVerify, RFC 6347 §4.2 / RFC 5246
 * §7.4.8). Raw public keys are refused: EST identities are certificates (RFC 9148 §3).
 */
final class DeferredClientCertificates implements NewAdvancedCertificateVerifier {

  @Override
  public List<CertificateType> getSupportedCertificateTypes() {
    return List.of(CertificateType.X_509);
  }

  @Override
  public CertificateVerificationResult verifyCertificate(
      ConnectionId cid,
      ServerNames serverName,
      InetSocketAddress remotePeer,
      boolean clientUsage,
      boolean verifySubject,
      boolean truncateCertificatePath,
      CertificateMessage message) {
    if (message.getCertificateChain() == null) {
      return new CertificateVerificationResult(
          cid,
          new HandshakeException(
              "raw public keys are not accepted",
              new AlertMessage(AlertLevel.FATAL, AlertDescription.UNSUPPORTED_CERTIFICATE)),
          null);
    }
    // Validation happens per request, against the live hierarchy and revocation state.
    return new CertificateVerificationResult(cid, message.getCertificateChain(), null);
  }

  /** No hint: any certificate is worth presenting (a device may hold one from an earlier CA). */
  @Override
  public List<X500Principal> getAcceptedIssuers() {
    return List.of();
  }

  @Override
  public void setResultHandler(HandshakeResultHandler resultHandler) {
    // Results are returned synchronously.
  }
}
