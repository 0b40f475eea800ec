package io.simca.ca.server.admin;

import io.simca.ca.hierarchy.CaInfo;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.revocation.RevocationReason;
import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.OperatorRow;
import io.simca.ca.store.SimRow;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The admin API's JSON shapes, in one place so the CLI and SIEMs see stable field names: camelCase,
 * instants in ISO-8601 UTC, enums lowercase, serials lowercase hex, absent values omitted.
 */
final class AdminJson {

  private AdminJson() {}

  static JsonObject sim(SimRow s) {
    JsonObject o =
        new JsonObject()
            .put("iccid", s.iccid())
            .put("imsi", s.imsi())
            .put("tenant", s.tenant())
            .put("status", lower(s.status()));
    putIf(o, "imei", s.imei());
    putIf(o, "imeiLockedAt", s.imeiLockedAt());
    putIf(o, "statusReason", s.statusReason());
    putIf(o, "createdAt", s.createdAt());
    putIf(o, "updatedAt", s.updatedAt());
    return o;
  }

  /** A certificate without its DER (listings). */
  static JsonObject certSummary(CertificateRow c, LoadedHierarchy hierarchy) {
    JsonObject o =
        new JsonObject()
            .put("serial", c.serial().toString(16))
            .put("status", lower(c.status()))
            .put("caId", c.caId());
    hierarchy.byKeyId(c.caId()).map(IssuingCa::label).ifPresent(l -> o.put("caLabel", l));
    putIf(o, "iccid", c.iccid());
    putIf(o, "imei", c.imei());
    putIf(o, "tenant", c.tenant());
    putIf(o, "subject", c.subject());
    putIf(o, "profile", c.profile());
    putIf(o, "notBefore", c.notBefore());
    putIf(o, "notAfter", c.notAfter());
    putIf(o, "revokedAt", c.revokedAt());
    if (c.revocationReason() != null) {
      o.put("revocationReason", reasonName(c.revocationReason()));
    }
    putIf(o, "invalidityDate", c.invalidityDate());
    putIf(o, "createdAt", c.createdAt());
    putIf(o, "spkiSha256", c.spkiSha256());
    return o;
  }

  /** A certificate with its PEM (when issued). */
  static JsonObject cert(CertificateRow c, LoadedHierarchy hierarchy) {
    JsonObject o = certSummary(c, hierarchy);
    if (c.certDer() != null) {
      o.put("pem", pem(c.certDer()));
    }
    putIf(o, "issuedByPolicy", c.issuedByPolicy());
    return o;
  }

  static JsonObject audit(AuditEvent e) {
    JsonObject o =
        new JsonObject()
            .put("seq", e.seq())
            .put("at", e.at().toString())
            .put("type", e.eventType())
            .put("actor", e.actor())
            .put("outcome", lower(e.outcome()));
    putIf(o, "reason", e.reason());
    putIf(o, "iccid", e.iccid());
    putIf(o, "imei", e.imei());
    if (e.serial() != null) {
      o.put("serial", e.serial().toString(16));
    }
    putIf(o, "attester", e.attester());
    putIf(o, "jti", e.jti());
    putIf(o, "tokenSha256", e.tokenSha256());
    putIf(o, "clientAddr", e.clientAddr());
    putIf(o, "policy", e.policy());
    putIf(o, "detail", e.detail());
    o.put("prevHash", e.prevHash()).put("hash", e.hash());
    return o;
  }

  /**
   * An operator credential without its certificate; {@code live} = the admin API accepts it now.
   */
  static JsonObject operator(OperatorRow r, java.time.Clock clock) {
    JsonObject o =
        new JsonObject()
            .put("name", r.name())
            .put("role", r.role())
            .put("serial", r.serial().toString(16))
            .put("status", lower(r.status()))
            .put("live", r.usableAt(clock.instant()))
            .put("caId", r.caId())
            .put("subject", r.subject())
            .put("notBefore", r.notBefore().toString())
            .put("notAfter", r.notAfter().toString())
            .put("issuedBy", r.issuedBy());
    putIf(o, "createdAt", r.createdAt());
    putIf(o, "revokedAt", r.revokedAt());
    putIf(o, "revokedBy", r.revokedBy());
    return o;
  }

  static JsonObject ca(CaInfo ca) {
    return new JsonObject()
        .put("label", ca.label())
        .put("role", lower(ca.role()))
        .put("generation", ca.generation())
        .put("status", lower(ca.status()))
        .put("subject", ca.subject())
        .put("keyAlgorithm", ca.keyAlgorithm())
        .put("notBefore", ca.notBefore().toString())
        .put("notAfter", ca.notAfter().toString())
        .put("keyId", ca.keyId());
  }

  private static String reasonName(int code) {
    try {
      return RevocationReason.ofCode(code).cliName();
    } catch (IllegalArgumentException e) {
      return Integer.toString(code);
    }
  }

  private static String pem(byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject("CERTIFICATE", der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void putIf(JsonObject o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static void putIf(JsonObject o, String key, Instant value) {
    if (value != null) {
      o.put(key, value.toString());
    }
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
