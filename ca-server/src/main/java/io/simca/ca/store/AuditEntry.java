package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event to audit, as the decision or operation produced it (no seq, no hash: the log assigns
 * them). Build with {@link #builder(String, String, AuditOutcome)}.
 *
 * <p>Tokens and keys are never audited: only the token's {@code jti} and the SHA-256 of the token
 * ({@code tokenSha256}). As a second line of defence, a {@code detail} that contains something
 * shaped like a JWS or a PEM block is redacted.
 *
 * @param at when it happened; null = the log's clock at append
 * @param eventType e.g. {@code enroll}, {@code reenroll}, {@code sim_revoke}, {@code cert_revoke},
 *     {@code sim_import}, {@code sim_resume}, {@code crl_publish}, {@code ca_init}
 * @param actor operator certificate subject, {@code device} or {@code system}
 * @param reason machine reason code (e.g. {@code imei_mismatch}), may be null
 * @param tokenSha256 lowercase hex SHA-256 of the presented token, may be null
 * @param detail short human text, at most {@value #MAX_DETAIL} characters (longer is cut)
 */
public record AuditEntry(
    Instant at,
    String eventType,
    String actor,
    AuditOutcome outcome,
    String reason,
    String iccid,
    String imei,
    BigInteger serial,
    String attester,
    String jti,
    String tokenSha256,
    String clientAddr,
    String policy,
    String detail) {

  public static final int MAX_DETAIL = 2000;

  private static final Pattern JWS =
      Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN [A-Z0-9 ]+-----[\\s\\S]*?(-----END [A-Z0-9 ]+-----|$)");

  public AuditEntry {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(outcome, "outcome");
    Values.maxLength("eventType", eventType, 48);
    Values.maxLength("actor", actor, 256);
    Values.maxLength("reason", reason, 64);
    Values.maxLength("iccid", iccid, 22);
    Values.maxLength("imei", imei, 15);
    Values.maxLength("attester", attester, 128);
    Values.maxLength("jti", jti, 128);
    Values.maxLength("clientAddr", clientAddr, 64);
    Values.maxLength("policy", policy, 64);
    if (tokenSha256 != null && !tokenSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "tokenSha256 must be 64 lowercase hex digits (a hash, never the token)");
    }
    if (serial != null) {
      Values.serialHex(serial);
    }
    detail = clean(detail);
  }

  private static String clean(String detail) {
    if (detail == null) {
      return null;
    }
    String d = JWS.matcher(detail).replaceAll("[redacted JWS]");
    d = PEM.matcher(d).replaceAll("[redacted PEM]");
    return d.length() <= MAX_DETAIL ? d : d.substring(0, MAX_DETAIL - 1) + "\u2026";
  }

  public static Builder builder(String eventType, String actor, AuditOutcome outcome) {
    return new Builder(eventType, actor, outcome);
  }

  /** Fluent construction; unset fields stay null. */
  public static final class Builder {
    private Instant at;
    private final String eventType;
    private final String actor;
    private final AuditOutcome outcome;
    private String reason;
    private String iccid;
    private String imei;
    private BigInteger serial;
    private String attester;
    private String jti;
    private String tokenSha256;
    private String clientAddr;
    private String policy;
    private String detail;

    private Builder(String eventType, String actor, AuditOutcome outcome) {
      this.eventType = eventType;
      this.actor = actor;
      this.outcome = outcome;
    }

    public Builder at(Instant value) {
      this.at = value;
      return this;
    }

    public Builder reason(String value) {
      this.reason = value;
      return this;
    }

    public Builder iccid(String value) {
      this.iccid = value;
      return this;
    }

    public Builder imei(String value) {
      this.imei = value;
      return this;
    }

    public Builder serial(BigInteger value) {
      this.serial = value;
      return this;
    }

    public Builder attester(String value) {
      this.attester = value;
      return this;
    }

    public Builder jti(String value) {
      this.jti = value;
      return this;
    }

    public Builder tokenSha256(String value) {
      this.tokenSha256 = value;
      return this;
    }

    public Builder clientAddr(String value) {
      this.clientAddr = value;
      return this;
    }

    public Builder policy(String value) {
      this.policy = value;
      return this;
    }

    public Builder detail(String value) {
      this.detail = value;
      return this;
    }

    public AuditEntry build() {
      return new AuditEntry(
          at,
          eventType,
          actor,
          outcome,
          reason,
          iccid,
          imei,
          serial,
          attester,
          jti,
          tokenSha256,
          clientAddr,
          policy,
          detail);
    }
  }
}
