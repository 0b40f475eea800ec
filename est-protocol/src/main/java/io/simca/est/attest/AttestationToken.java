package io.simca.est.attest;

import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a verified SIM attestation token, as typed values. Only {@link AttestationVerifier}
 * produces these from the wire, so holding one means every check except {@code jti} replay has
 * passed. It does not keep the compact token: the audit log stores {@link #tokenHash(String)}
 * instead.
 *
 * @param kid attester key id (JWS header)
 * @param alg JWS algorithm (ES256, ES384 or EdDSA)
 * @param issuer {@code iss}
 * @param iccid {@code sub}
 * @param imsi {@code imsi}
 * @param imei {@code imei}, as reported by the network
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param jti {@code jti}, single use (the server's replay store enforces it)
 * @param jkt {@code cnf.jkt}, RFC 7638 thumbprint of the CSR key
 * @param mccmnc serving network, if the attester reported it
 * @param apn access point name, if reported
 * @param rat radio access technology, if reported
 */
public record AttestationToken(
    String kid,
    String alg,
    String issuer,
    Iccid iccid,
    Imsi imsi,
    Imei imei,
    Instant issuedAt,
    Instant expiresAt,
    String jti,
    String jkt,
    Optional<String> mccmnc,
    Optional<String> apn,
    Optional<String> rat) {

  public AttestationToken {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(alg, "alg");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(iccid, "iccid");
    Objects.requireNonNull(imsi, "imsi");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(jkt, "jkt");
    Objects.requireNonNull(mccmnc, "mccmnc");
    Objects.requireNonNull(apn, "apn");
    Objects.requireNonNull(rat, "rat");
  }

  /**
   * Lower-case hex SHA-256 of the compact token's ASCII bytes: what audit records keep so a
   * decision can be matched to a token without storing the token.
   */
  public static String tokenHash(String compactJws) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(compactJws.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JCA", e);
    }
  }
}
