package io.simca.est.attest;

import static io.simca.est.attest.AttestationFailure.BAD_ICCID;
import static io.simca.est.attest.AttestationFailure.BAD_IMEI;
import static io.simca.est.attest.AttestationFailure.BAD_IMSI;
import static io.simca.est.attest.AttestationFailure.BAD_SIGNATURE;
import static io.simca.est.attest.AttestationFailure.ICCID_MISMATCH;
import static io.simca.est.attest.AttestationFailure.ISSUER_MISMATCH;
import static io.simca.est.attest.AttestationFailure.KEY_BINDING_MISMATCH;
import static io.simca.est.attest.AttestationFailure.MALFORMED_TOKEN;
import static io.simca.est.attest.AttestationFailure.MISSING_CLAIM;
import static io.simca.est.attest.AttestationFailure.TOKEN_EXPIRED;
import static io.simca.est.attest.AttestationFailure.TOKEN_LIFETIME_TOO_LONG;
import static io.simca.est.attest.AttestationFailure.TOKEN_NOT_YET_VALID;
import static io.simca.est.attest.AttestationFailure.TOKEN_TOO_LARGE;
import static io.simca.est.attest.AttestationFailure.UNKNOWN_ATTESTER;
import static io.simca.est.attest.AttestationFailure.UNSUPPORTED_ALG;
import static io.simca.est.attest.AttestationFailure.WRONG_TYP;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.simca.est.codec.EstRequestException;
import io.simca.est.codec.SubjectKeyType;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Verifies a SIM attestation token against the trusted attesters and the CSR key, denying by
 * default. The checks run in a fixed order (each step below is marked in the code) and the first
 * failure is thrown as an {@link AttestationException}: size, compact form, {@code typ}, {@code
 * alg}, {@code kid}, alg/key match, signature, {@code iss}, claims, {@code iat}, {@code exp},
 * lifetime, {@code cnf.jkt}, Basic user.
 *
 * <p>Not checked here: {@code jti} single use. Replay protection needs shared state, so the server
 * burns {@link AttestationToken#jti()} in its store after this returns (and must keep it at least
 * until {@code exp} plus the clock skew).
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class AttestationVerifier {

  /** Largest token accepted, in characters (DESIGN.md: refuse credentials over 4 KiB). */
  public static final int MAX_TOKEN_CHARS = 4096;

  /** The JWS {@code typ} of SIM attestation tokens (RFC 8725 §3.11 explicit typing). */
  public static final String TYP = "sim-attestation+jwt";

  private static final Pattern JTI = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final Pattern MCCMNC = Pattern.compile("[0-9]{5,6}");
  private static final int MAX_OPTIONAL_CLAIM_CHARS =
      100; // 3GPP TS 23.003 §9.1: APN at most 100 octets

  private final AttesterDirectory attesters;
  private final AttestationPolicy policy;
  private final Clock clock;
  private final Provider ecProvider;

  public AttestationVerifier(AttesterDirectory attesters, AttestationPolicy policy, Clock clock) {
    this(attesters, policy, clock, null);
  }

  /**
   * As above, with the JCA provider that verifies ECDSA signatures ({@code null} = JCA default).
   */
  public AttestationVerifier(
      AttesterDirectory attesters, AttestationPolicy policy, Clock clock, Provider ecProvider) {
    this.attesters = Objects.requireNonNull(attesters, "attesters");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ecProvider = ecProvider;
  }

  /**
   * Verifies {@code compactJws} for the CSR key {@code csrKey}.
   *
   * @param basicUser the HTTP Basic user (ICCID) if the token came as a Basic password; empty or
   *     blank means "not given"
   * @return the verified claims
   * @throws AttestationException with the first failed check
   */
  public AttestationToken verify(String compactJws, PublicKey csrKey, Optional<String> basicUser)
      throws AttestationException {
    Objects.requireNonNull(csrKey, "csrKey");
    try {
      return check(compactJws, csrKey, basicUser);
    } catch (RuntimeException e) {
      // Safety net: hostile input must end in a deny decision, never in a 500.
      throw fail(MALFORMED_TOKEN, "token could not be processed");
    }
  }

  private AttestationToken check(String compactJws, PublicKey csrKey, Optional<String> basicUser)
      throws AttestationException {
    // Step 1: size, before any parsing work.
    if (compactJws == null || compactJws.isEmpty()) {
      throw fail(MALFORMED_TOKEN, "empty token");
    }
    if (compactJws.length() > MAX_TOKEN_CHARS) {
      throw fail(TOKEN_TOO_LARGE, "token over " + MAX_TOKEN_CHARS + " characters");
    }
    // Step 2: compact serialization, exactly three parts (RFC 7515 §7.1); five would be a JWE.
    String[] parts = compactJws.split("\\.", -1);
    if (parts.length != 3) {
      throw fail(MALFORMED_TOKEN, "token must have 3 dot-separated parts, not " + parts.length);
    }
    Header header = parseHeader(parts[0]);
    // Step 3: explicit typing (RFC 8725 §3.11) keeps other JWTs signed by the same key out.
    if (!isAttestationTyp(header)) {
      throw fail(WRONG_TYP, "typ must be " + TYP);
    }
    // Step 4: algorithm allowlist; "none", HS*, RS*, PS* and JWE algorithms never pass.
    if (!(header instanceof JWSHeader jwsHeader) || !isAllowed(jwsHeader.getAlgorithm())) {
      throw fail(
          UNSUPPORTED_ALG, "alg " + header.getAlgorithm() + " not accepted (ES256, ES384, EdDSA)");
    }
    if (jwsHeader.getCriticalParams() != null && !jwsHeader.getCriticalParams().isEmpty()) {
      // RFC 7515 §4.1.11: we understand no extension, so any crit header must be refused.
      throw fail(MALFORMED_TOKEN, "crit header parameters are not supported");
    }
    // Step 5: the attester key by kid; keys embedded in the header (jwk, x5c, jku) are ignored.
    String kid = jwsHeader.getKeyID();
    if (kid == null || kid.isEmpty()) {
      throw fail(UNKNOWN_ATTESTER, "no kid in header");
    }
    TrustedAttester attester =
        attesters
            .find(kid)
            .orElseThrow(() -> fail(UNKNOWN_ATTESTER, "no trusted attester with this kid"));
    // Step 6: the alg must be the one the attester key implies (no algorithm confusion).
    JWSAlgorithm expected = algorithmFor(attester.key());
    if (!expected.equals(jwsHeader.getAlgorithm())) {
      throw fail(
          UNSUPPORTED_ALG,
          "alg "
              + jwsHeader.getAlgorithm()
              + " does not match the attester key ("
              + expected
              + ")");
    }
    // Step 7: signature (RFC 7515 §5.2).
    JWSObject jws = parseJws(compactJws);
    if (!signatureValid(jws, attester.key(), ecProvider)) {
      throw fail(BAD_SIGNATURE, "signature does not verify with attester key " + kid);
    }
    Claims claims = parseClaims(jws);
    // Step 8: the issuer configured for this kid.
    String iss = string(claims, "iss", true);
    if (!attester.issuer().equals(iss)) {
      throw fail(ISSUER_MISMATCH, "iss does not match the issuer configured for kid " + kid);
    }
    // Step 9: required claims, well-formed.
    Iccid iccid = identifier(claims, "sub", Iccid::parse, BAD_ICCID);
    Imsi imsi = identifier(claims, "imsi", Imsi::parse, BAD_IMSI);
    Imei imei = identifier(claims, "imei", Imei::parse, BAD_IMEI);
    Instant iat = instant(claims, "iat", true);
    Instant exp = instant(claims, "exp", true);
    Instant nbf = instant(claims, "nbf", false);
    String jti = string(claims, "jti", true);
    if (!JTI.matcher(jti).matches()) {
      throw fail(MALFORMED_TOKEN, "jti must be 1 to 128 visible ASCII characters");
    }
    String jkt = confirmationThumbprint(claims);
    Optional<String> mccmnc = optional(claims, "mccmnc");
    if (mccmnc.isPresent() && !MCCMNC.matcher(mccmnc.get()).matches()) {
      throw fail(MALFORMED_TOKEN, "mccmnc must be 5 or 6 digits");
    }
    Optional<String> apn = optional(claims, "apn");
    Optional<String> rat = optional(claims, "rat");
    // Step 10: time window (RFC 7519 §4.1.4-4.1.6) with clock skew.
    Instant now = clock.instant();
    Duration skew = policy.clockSkew();
    if (iat.isAfter(now.plus(skew))) {
      throw fail(
          TOKEN_NOT_YET_VALID,
          "iat is " + Duration.between(now, iat).toSeconds() + " s in the future");
    }
    if (nbf != null && nbf.isAfter(now.plus(skew))) {
      throw fail(
          TOKEN_NOT_YET_VALID,
          "nbf is " + Duration.between(now, nbf).toSeconds() + " s in the future");
    }
    if (now.isAfter(exp.plus(skew))) {
      throw fail(
          TOKEN_EXPIRED, "exp is " + Duration.between(exp, now).toSeconds() + " s in the past");
    }
    if (!exp.isAfter(iat)) {
      throw fail(MALFORMED_TOKEN, "exp is not after iat");
    }
    if (Duration.between(iat, exp).compareTo(policy.maxLifetime()) > 0) {
      throw fail(
          TOKEN_LIFETIME_TOO_LONG,
          "exp - iat is "
              + Duration.between(iat, exp).toSeconds()
              + " s, more than "
              + policy.maxLifetime().toSeconds()
              + " s");
    }
    // Step 11: key binding, cnf.jkt = RFC 7638 thumbprint of the CSR key (RFC 7800 §3.1).
    if (!thumbprintMatches(jkt, csrKey)) {
      throw fail(KEY_BINDING_MISMATCH, "cnf.jkt is not the thumbprint of the CSR key");
    }
    // Step 12: a Basic user, when given, must name the same SIM.
    String user = basicUser == null ? "" : basicUser.orElse("");
    if (!user.isBlank() && !user.equals(iccid.value())) {
      throw fail(ICCID_MISMATCH, "Basic user is not the token's sub");
    }
    return new AttestationToken(
        kid,
        jwsHeader.getAlgorithm().getName(),
        iss,
        iccid,
        imsi,
        imei,
        iat,
        exp,
        jti,
        jkt,
        mccmnc,
        apn,
        rat);
  }

  /**
   * The only JWS algorithm accepted for an attester key, or an exception for keys that have none.
   */
  static JWSAlgorithm algorithmFor(PublicKey key) throws AttestationException {
    SubjectKeyType type;
    try {
      type = SubjectKeyType.of(key);
    } catch (EstRequestException e) {
      throw fail(UNSUPPORTED_ALG, "attester key type is not usable");
    }
    return switch (type) {
      case EC_P256 -> JWSAlgorithm.ES256;
      case EC_P384 -> JWSAlgorithm.ES384;
      case ED25519 -> JWSAlgorithm.EdDSA;
      default -> throw fail(UNSUPPORTED_ALG, "attester key type " + type + " has no accepted alg");
    };
  }

  private static boolean isAllowed(JWSAlgorithm alg) {
    return JWSAlgorithm.ES256.equals(alg)
        || JWSAlgorithm.ES384.equals(alg)
        || JWSAlgorithm.EdDSA.equals(alg);
  }

  private static boolean isAttestationTyp(Header header) {
    if (header.getType() == null) {
      return false;
    }
    // RFC 7515 §4.1.9: media type names are case-insensitive and "application/" may be omitted.
    String typ = header.getType().getType().toLowerCase(Locale.ROOT);
    return typ.equals(TYP) || typ.equals("application/" + TYP);
  }

  private static Header parseHeader(String part) throws AttestationException {
    try {
      return Header.parse(new Base64URL(part));
    } catch (ParseException | RuntimeException e) {
      throw fail(MALFORMED_TOKEN, "header is not base64url JSON with an alg");
    }
  }

  private static JWSObject parseJws(String compactJws) throws AttestationException {
    try {
      return JWSObject.parse(compactJws);
    } catch (ParseException | RuntimeException e) {
      throw fail(MALFORMED_TOKEN, "not a compact JWS");
    }
  }

  private static boolean signatureValid(JWSObject jws, PublicKey key, Provider ecProvider) {
    try {
      JWSVerifier verifier;
      if (JWSAlgorithm.EdDSA.equals(jws.getHeader().getAlgorithm())) {
        verifier = JcaEd25519.verifier(key);
      } else {
        ECDSAVerifier ec = new ECDSAVerifier((ECPublicKey) key);
        if (ecProvider != null) {
          ec.getJCAContext().setProvider(ecProvider);
        }
        verifier = ec;
      }
      return jws.verify(verifier);
    } catch (JOSEException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The payload both as raw JSON (for exact type checks: Nimbus turns a numeric {@code sub} into a
   * string, RFC 7519 §4.1.2 does not allow it) and as a claims set (for NumericDate handling).
   */
  private record Claims(Map<String, Object> json, JWTClaimsSet set) {}

  private static Claims parseClaims(JWSObject jws) throws AttestationException {
    Map<String, Object> json;
    try {
      json = jws.getPayload().toJSONObject();
    } catch (RuntimeException e) {
      json = null;
    }
    if (json == null) {
      throw fail(MALFORMED_TOKEN, "payload is not a JSON object");
    }
    try {
      return new Claims(json, JWTClaimsSet.parse(json));
    } catch (ParseException | RuntimeException e) {
      throw fail(MALFORMED_TOKEN, "payload is not a valid JWT claims set");
    }
  }

  private static String string(Claims claims, String name, boolean required)
      throws AttestationException {
    Object value = claims.json().get(name);
    if (value == null) {
      if (required) {
        throw fail(MISSING_CLAIM, name + " is missing");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw fail(MALFORMED_TOKEN, name + " must be a string");
    }
    if (required && s.isEmpty()) {
      throw fail(MISSING_CLAIM, name + " is empty");
    }
    return s;
  }

  private static Optional<String> optional(Claims claims, String name) throws AttestationException {
    String value = string(claims, name, false);
    if (value != null && value.length() > MAX_OPTIONAL_CLAIM_CHARS) {
      throw fail(
          MALFORMED_TOKEN, name + " is longer than " + MAX_OPTIONAL_CLAIM_CHARS + " characters");
    }
    return Optional.ofNullable(value);
  }

  private static <T> T identifier(
      Claims claims, String name, Function<String, T> parser, AttestationFailure bad)
      throws AttestationException {
    String value = string(claims, name, true);
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw fail(bad, name + ": " + e.getMessage());
    }
  }

  private static Instant instant(Claims claims, String name, boolean required)
      throws AttestationException {
    Object raw = claims.set().getClaim(name);
    if (raw == null) {
      if (required) {
        throw fail(MISSING_CLAIM, name + " is missing");
      }
      return null;
    }
    // JWTClaimsSet.parse has already turned a NumericDate (RFC 7519 §2) into a Date.
    if (!(raw instanceof Date date)) {
      throw fail(MALFORMED_TOKEN, name + " must be a NumericDate");
    }
    return date.toInstant();
  }

  private static String confirmationThumbprint(Claims claims) throws AttestationException {
    Object cnf = claims.json().get("cnf");
    if (cnf == null) {
      throw fail(MISSING_CLAIM, "cnf is missing");
    }
    if (!(cnf instanceof Map<?, ?> map)) {
      throw fail(MALFORMED_TOKEN, "cnf must be a JSON object");
    }
    Object jkt = map.get("jkt");
    if (jkt == null) {
      throw fail(MISSING_CLAIM, "cnf.jkt is missing");
    }
    if (!(jkt instanceof String s) || s.isEmpty()) {
      throw fail(MALFORMED_TOKEN, "cnf.jkt must be a non-empty string");
    }
    return s;
  }

  private static boolean thumbprintMatches(String jkt, PublicKey csrKey) {
    String actual;
    try {
      actual = JwkThumbprint.sha256(csrKey);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(
        actual.getBytes(StandardCharsets.US_ASCII), jkt.getBytes(StandardCharsets.US_ASCII));
  }

  private static AttestationException fail(AttestationFailure failure, String detail) {
    return new AttestationException(failure, detail);
  }
}
