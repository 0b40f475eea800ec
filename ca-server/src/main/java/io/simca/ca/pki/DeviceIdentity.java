package io.simca.ca.pki;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names a device certificate carries, taken from the SIM inventory and the attestation, never
 * from the CSR.
 *
 * <p>Why a separate type: {@link DeviceProfile} accepts only this and a public key, so a CSR's
 * subject or SANs cannot reach a certificate even by mistake (DESIGN.md enrolment step 4). Shapes
 * are checked here (digits only), so nothing but digits reaches a DN or URN; check digits are the
 * identifier layer's job.
 *
 * @param iccid the SIM's ICCID (ITU-T E.118), 18-22 digits, becomes {@code CN}
 * @param tenant optional organisation, becomes {@code O}
 * @param imei optional IMEI as {@code TAC-SNR-CD} (8-6-1 digits, RFC 7254 §3) for the SAN URI
 */
public record DeviceIdentity(String iccid, Optional<String> tenant, Optional<String> imei) {

  private static final Pattern ICCID = Pattern.compile("[0-9]{18,22}");
  private static final Pattern IMEI_FORMATTED = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9]");
  private static final Pattern IMEI_DIGITS = Pattern.compile("[0-9]{15}");

  public DeviceIdentity {
    Objects.requireNonNull(iccid, "iccid");
    if (!ICCID.matcher(iccid).matches()) {
      throw new IllegalArgumentException("ICCID must be 18-22 digits");
    }
    tenant = tenant.filter(t -> !t.isBlank());
    tenant.ifPresent(
        t -> {
          if (t.length() > 64) { // RFC 5280 Appendix A ub-organization-name
            throw new IllegalArgumentException("tenant longer than 64 characters");
          }
        });
    imei = imei.map(DeviceIdentity::formatImei);
  }

  public static DeviceIdentity of(String iccid) {
    return new DeviceIdentity(iccid, Optional.empty(), Optional.empty());
  }

  public DeviceIdentity withTenant(String t) {
    return new DeviceIdentity(iccid, Optional.ofNullable(t), imei);
  }

  /** IMEI either as {@code TAC-SNR-CD} or as the 15 plain digits. */
  public DeviceIdentity withImei(String i) {
    return new DeviceIdentity(iccid, tenant, Optional.ofNullable(i));
  }

  public DeviceIdentity withImei(String tac, String snr, String cd) {
    return withImei(tac + "-" + snr + "-" + cd);
  }

  /** The RFC 7254 URN, e.g. {@code urn:gsma:imei:90420156-025763-0}. */
  public Optional<String> imeiUrn() {
    return imei.map(i -> "urn:gsma:imei:" + i);
  }

  private static String formatImei(String raw) {
    if (IMEI_FORMATTED.matcher(raw).matches()) {
      return raw;
    }
    if (IMEI_DIGITS.matcher(raw).matches()) {
      return raw.substring(0, 8) + "-" + raw.substring(8, 14) + "-" + raw.substring(14);
    }
    throw new IllegalArgumentException("IMEI must be TAC-SNR-CD (8-6-1 digits) or 15 digits");
  }
}
