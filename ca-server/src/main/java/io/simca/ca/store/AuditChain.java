package io.simca.ca.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash chain of the audit log, specified here so that {@code audit verify}, an external auditor
 * or another implementation can recompute it.
 *
 * <pre>
 * hash(n)     = lowercase hex( SHA-256( canonical(n) ) )
 * canonical(n)= F("simca-audit-v1") F(prev_hash) F(seq) F(at) F(event_type) F(actor) F(outcome)
 *               F(reason) F(iccid) F(imei) F(serial) F(attester) F(jti) F(token_sha256)
 *               F(client_addr) F(policy) F(detail)
 * F(null)     = 0x00
 * F(s)        = 0x01 || uint32 big-endian byte length of UTF-8(s) || UTF-8(s)
 * prev_hash   = hash(n-1); for seq 1 the genesis value, 64 x "0"
 * seq         = decimal, no leading zeros
 * at          = UTC, "yyyy-MM-ddTHH:mm:ss.SSSSSSZ" (always six fraction digits; stored precision)
 * outcome     = lowercase (allow, deny, ok, error)
 * serial      = lowercase hex of the positive serial, as stored
 * </pre>
 *
 * Every column but {@code hash} is covered, each field is length-prefixed and null is distinct from
 * the empty string, so no two different rows share an encoding. Because {@code prev_hash} is first,
 * this is SHA-256(prev_hash || content) with an unambiguous content encoding.
 */
public final class AuditChain {

  /** {@code prev_hash} of the first event. */
  public static final String GENESIS = "0".repeat(64);

  /** Domain separation and version of the encoding above. */
  public static final String TAG = "simca-audit-v1";

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditChain() {}

  /** The hash the event must carry, computed from all its other fields. */
  public static String hash(AuditEvent e) {
    return hash(
        e.seq(),
        e.prevHash(),
        e.at(),
        e.eventType(),
        e.actor(),
        Values.lower(e.outcome()),
        e.reason(),
        e.iccid(),
        e.imei(),
        e.serial() == null ? null : e.serial().toString(16),
        e.attester(),
        e.jti(),
        e.tokenSha256(),
        e.clientAddr(),
        e.policy(),
        e.detail());
  }

  /**
   * The hash over column values exactly as stored. Verification uses this on the raw row, so a
   * tampered value that no longer parses (or validates) is still reported as a break, not a crash.
   */
  static String hash(
      long seq,
      String prevHash,
      Instant at,
      String eventType,
      String actor,
      String outcome,
      String reason,
      String iccid,
      String imei,
      String serialHex,
      String attester,
      String jti,
      String tokenSha256,
      String clientAddr,
      String policy,
      String detail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    field(out, TAG);
    field(out, prevHash);
    field(out, Long.toString(seq));
    field(out, at == null ? null : AT.format(Values.micros(at)));
    field(out, eventType);
    field(out, actor);
    field(out, outcome);
    field(out, reason);
    field(out, iccid);
    field(out, imei);
    field(out, serialHex);
    field(out, attester);
    field(out, jti);
    field(out, tokenSha256);
    field(out, clientAddr);
    field(out, policy);
    field(out, detail);
    return HexFormat.of().formatHex(sha256().digest(out.toByteArray()));
  }

  private static void field(ByteArrayOutputStream out, String value) {
    if (value == null) {
      out.write(0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.write(1);
    out.write(bytes.length >>> 24);
    out.write(bytes.length >>> 16);
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
