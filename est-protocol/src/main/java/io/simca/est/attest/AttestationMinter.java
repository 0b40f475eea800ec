package io.simca.est.attest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The reference attester: mints SIM attestation tokens the way an operator's network attester
 * should, for the {@code simca attester issue} CLI, demos and tests. The output is exactly what
 * {@link AttestationVerifier} expects: header {@code {"alg","typ":"sim-attestation+jwt","kid"}},
 * claims {@code iss, sub, imsi, imei, iat, exp, jti, cnf.jkt} and the optional {@code mccmnc, apn,
 * rat}.
 *
 * <p>Sizes: libest's client takes a bearer token of at most 512 characters and silently cuts a
 * longer one (DESIGN.md "Client interop"). With ES256, a kid of at most 16 characters and the
 * longest ICCID (22 digits) a token without optional claims is 481 characters, which leaves room
 * for {@code mccmnc}; other optional claims add about 4/3 of their JSON. Longer tokens reach a
 * libest client's server inside the CSR (attribute {@code CsrToken}), which has no such limit.
 */
public final class AttestationMinter {

  /** Longest token lifetime minted (DESIGN.md: exp - iat at most 300 s). */
  public static final Duration MAX_TTL = Duration.ofSeconds(300);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String kid;
  private final String issuer;
  private final JWSAlgorithm alg;
  private final JWSSigner signer;
  private final Clock clock;

  /**
   * A minter with the system clock; the algorithm follows the key (P-256 ES256, P-384 ES384,
   * Ed25519 EdDSA).
   */
  public AttestationMinter(String kid, String issuer, PrivateKey key) {
    this(kid, issuer, key, Clock.systemUTC());
  }

  /** As above, with an explicit clock for {@code iat} (tests, replays of recorded scenarios). */
  public AttestationMinter(String kid, String issuer, PrivateKey key, Clock clock) {
    if (kid == null || kid.isEmpty()) {
      throw new IllegalArgumentException("kid is required");
    }
    if (issuer == null || issuer.isEmpty()) {
      throw new IllegalArgumentException("issuer is required");
    }
    this.kid = kid;
    this.issuer = issuer;
    this.clock = Objects.requireNonNull(clock, "clock");
    ASN1ObjectIdentifier keyOid;
    ASN1Encodable params;
    try {
      PrivateKeyInfo info =
          PrivateKeyInfo.getInstance(Objects.requireNonNull(key, "key").getEncoded());
      keyOid = info.getPrivateKeyAlgorithm().getAlgorithm();
      params = info.getPrivateKeyAlgorithm().getParameters();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("attester key has no PKCS#8 encoding");
    }
    try {
      if (X9ObjectIdentifiers.id_ecPublicKey.equals(keyOid)
          && SECObjectIdentifiers.secp256r1.equals(params)) {
        this.alg = JWSAlgorithm.ES256;
        this.signer = new ECDSASigner(key, Curve.P_256);
      } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(keyOid)
          && SECObjectIdentifiers.secp384r1.equals(params)) {
        this.alg = JWSAlgorithm.ES384;
        this.signer = new ECDSASigner(key, Curve.P_384);
      } else if (EdECObjectIdentifiers.id_Ed25519.equals(keyOid)) {
        this.alg = JWSAlgorithm.EdDSA;
        this.signer = JcaEd25519.signer(key);
      } else {
        throw new IllegalArgumentException("attester key must be P-256, P-384 or Ed25519");
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("attester key cannot sign", e);
    }
  }

  /** A fresh P-256 attester key pair (ES256, the default and smallest tokens). */
  public static KeyPair generateAttesterKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 key generation unavailable", e);
    }
  }

  /** The JWS algorithm this minter signs with. */
  public String algorithm() {
    return alg.getName();
  }

  /**
   * Mints a compact JWS binding the SIM identity to {@code csrKey}.
   *
   * @param ttl lifetime; capped at {@link #MAX_TTL}, at least one second
   */
  public String mint(
      Iccid iccid,
      Imsi imsi,
      Imei imei,
      PublicKey csrKey,
      Duration ttl,
      Optional<String> mccmnc,
      Optional<String> apn,
      Optional<String> rat) {
    Objects.requireNonNull(iccid, "iccid");
    Objects.requireNonNull(imsi, "imsi");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(csrKey, "csrKey");
    Duration lifetime = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    if (lifetime.getSeconds() < 1) {
      throw new IllegalArgumentException("ttl must be at least 1 s");
    }
    // RFC 7519 §2: NumericDate is whole seconds here.
    Instant iat = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant exp = iat.plusSeconds(lifetime.getSeconds());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(iccid.value())
            .claim("imsi", imsi.value())
            .claim("imei", imei.value())
            .issueTime(Date.from(iat))
            .expirationTime(Date.from(exp))
            .jwtID(newJti())
            .claim("cnf", Map.of("jkt", JwkThumbprint.sha256(csrKey)));
    mccmnc.ifPresent(v -> claims.claim("mccmnc", v));
    apn.ifPresent(v -> claims.claim("apn", v));
    rat.ifPresent(v -> claims.claim("rat", v));
    // Header is exactly alg, typ, kid: nothing else, to keep tokens small.
    JWSHeader header =
        new JWSHeader.Builder(alg)
            .type(new JOSEObjectType(AttestationVerifier.TYP))
            .keyID(kid)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("attestation signing failed", e);
    }
    return jwt.serialize();
  }

  /** Mints with no optional claims. */
  public String mint(Iccid iccid, Imsi imsi, Imei imei, PublicKey csrKey, Duration ttl) {
    return mint(
        iccid, imsi, imei, csrKey, ttl, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * 12 random bytes, base64url: 16 characters. A jti only has to be unique among one attester's
   * live tokens (300 s at most), and 96 random bits make a collision negligible at any fleet size;
   * the 8 characters saved are room for optional claims under libest's 512 (DESIGN.md "Client
   * interop").
   */
  private static String newJti() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64URL.encode(bytes).toString();
  }
}
