package io.simca.est.attest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/**
 * EdDSA (RFC 8037 §3.1) signing and verification for Nimbus through the JCA {@code Ed25519}
 * Signature (JDK 15+), because Nimbus's own Ed25519 classes need Google Tink, an extra dependency
 * for one algorithm. Nimbus still parses and serialises the JWS; these classes only call {@link
 * Signature} over the signing input.
 */
final class JcaEd25519 {

  private static final Set<JWSAlgorithm> ALGS = Set.of(JWSAlgorithm.EdDSA);

  private JcaEd25519() {}

  static JWSSigner signer(PrivateKey key) {
    return new Signer(key);
  }

  static JWSVerifier verifier(PublicKey key) {
    return new Verifier(key);
  }

  private record Signer(PrivateKey key) implements JWSSigner {
    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
        throw new JOSEException("only EdDSA");
      }
      try {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key);
        signature.update(signingInput);
        return Base64URL.encode(signature.sign());
      } catch (GeneralSecurityException e) {
        throw new JOSEException("Ed25519 signing failed", e);
      }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return ALGS;
    }

    @Override
    public JCAContext getJCAContext() {
      return new JCAContext();
    }
  }

  private record Verifier(PublicKey key) implements JWSVerifier {
    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature)
        throws JOSEException {
      if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
          || (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())) {
        return false;
      }
      byte[] sig = signature.decode();
      if (sig.length != 64) { // RFC 8032 §5.1.6: an Ed25519 signature is 64 octets
        return false;
      }
      try {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signingInput);
        return verifier.verify(sig);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return ALGS;
    }

    @Override
    public JCAContext getJCAContext() {
      return new JCAContext();
    }
  }
}
