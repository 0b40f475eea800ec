package io.simca.attester.radius;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.VsaData;
import org.aaa4j.radius.core.attribute.attributes.AcctInterimInterval;
import org.aaa4j.radius.core.attribute.attributes.AcctSessionId;
import org.aaa4j.radius.core.attribute.attributes.AcctStatusType;
import org.aaa4j.radius.core.attribute.attributes.CalledStationId;
import org.aaa4j.radius.core.attribute.attributes.CallingStationId;
import org.aaa4j.radius.core.attribute.attributes.FramedIpAddress;
import org.aaa4j.radius.core.attribute.attributes.VendorSpecific;
import org.aaa4j.radius.core.packet.Packet;

/**
 * Reads an Accounting-Request that aaa4j has decoded (and whose Request Authenticator it has
 * checked, RFC 2866 §3) into an {@link AccountingRecord}. The 3GPP attributes are Vendor-Specific
 * (RFC 2865 §5.26) of vendor 10415 (3GPP TS 29.061 §16.4.7); the library gives each as vendor type
 * + value bytes.
 */
public final class AccountingRecords {

  /** IANA private enterprise number of 3GPP. */
  static final int VENDOR_3GPP = 10415;

  static final int IMSI = 1;
  static final int SGSN_MCC_MNC = 18;
  static final int IMEISV = 20;
  static final int RAT_TYPE = 21;

  private AccountingRecords() {}

  /** Empty when the packet has no Acct-Status-Type the attester knows (RFC 2866 §5.1). */
  public static Optional<AccountingRecord> read(InetAddress nas, Packet packet) {
    Optional<AccountingStatus> status =
        packet
            .getAttribute(AcctStatusType.class)
            .flatMap(a -> AccountingStatus.of(a.getData().getValue()));
    if (status.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> imsi = Optional.empty();
    Optional<String> imeisv = Optional.empty();
    Optional<String> mccmnc = Optional.empty();
    Optional<String> rat = Optional.empty();
    for (VendorSpecific vsa : packet.getAttributes(VendorSpecific.class)) {
      VsaData data = vsa.getData();
      if (data.getVendorId() != VENDOR_3GPP) {
        continue;
      }
      byte[] value = data.getVsaData();
      switch (data.getVendorType()) {
        case IMSI -> imsi = text(value);
        case IMEISV -> imeisv = text(value);
        case SGSN_MCC_MNC -> mccmnc = text(value);
        // TS 29.061: one octet; a packet core that sends it as text digits is read as text.
        case RAT_TYPE ->
            rat =
                value.length == 1
                    ? Optional.of(RatType.name(value[0] & 0xff))
                    : text(value)
                        .map(t -> t.matches("\\d{1,3}") ? RatType.name(Integer.parseInt(t)) : t);
        default -> {}
      }
    }
    return Optional.of(
        new AccountingRecord(
            status.get(),
            nas,
            packet.getAttribute(AcctSessionId.class).map(a -> a.getData().getValue()),
            packet
                .getAttribute(FramedIpAddress.class)
                .map(a -> (InetAddress) a.getData().getValue()),
            imsi,
            imeisv,
            textOf(packet.getAttribute(CallingStationId.class)),
            textOf(packet.getAttribute(CalledStationId.class)),
            mccmnc,
            rat,
            packet.getAttribute(AcctInterimInterval.class).map(a -> a.getData().getValue())));
  }

  private static Optional<String> textOf(Optional<? extends Attribute<TextData>> attribute) {
    return attribute.map(a -> a.getData().getValue()).filter(v -> !v.isBlank());
  }

  private static Optional<String> text(byte[] value) {
    String s = new String(value, StandardCharsets.UTF_8).trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
