package io.simca.attester.radius;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Accounting-Request says about a PDP context / PDN connection, in the attester's terms.
 *
 * @param status Acct-Status-Type
 * @param nas the packet core node that sent it (its source address)
 * @param sessionId Acct-Session-Id (RFC 2866 §5.5), unique per session on that NAS
 * @param framedIp Framed-IP-Address (RFC 2865 §5.8): the device's address on the APN
 * @param imsi 3GPP-IMSI (TS 29.061 §16.4.7, vendor 10415 type 1)
 * @param imeisv 3GPP-IMEISV (type 20), as reported
 * @param msisdn Calling-Station-Id (RFC 2865 §5.31), if sent
 * @param apn Called-Station-Id (RFC 2865 §5.30), if sent
 * @param mccmnc 3GPP-SGSN-MCC-MNC (type 18): the serving network, if sent
 * @param rat 3GPP-RAT-Type (type 21), as a name ({@link RatType}), if sent
 * @param interimIntervalSeconds Acct-Interim-Interval (RFC 2869 §5.16), if sent
 */
public record AccountingRecord(
    AccountingStatus status,
    InetAddress nas,
    Optional<String> sessionId,
    Optional<InetAddress> framedIp,
    Optional<String> imsi,
    Optional<String> imeisv,
    Optional<String> msisdn,
    Optional<String> apn,
    Optional<String> mccmnc,
    Optional<String> rat,
    Optional<Integer> interimIntervalSeconds) {

  public AccountingRecord {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nas, "nas");
  }
}
