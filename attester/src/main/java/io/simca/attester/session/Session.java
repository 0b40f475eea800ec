package io.simca.attester.session;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A live PDP context / PDN connection as the packet core reported it: who holds the address {@code
 * ip} on the APN right now.
 *
 * @param ip Framed-IP-Address: the key the token endpoint looks callers up by
 * @param nas the reporting packet core node
 * @param sessionId Acct-Session-Id on that node
 * @param imsi the SIM
 * @param imeisv the device, as reported (14-16 digits)
 * @param msisdn Calling-Station-Id, if reported
 * @param apn Called-Station-Id, if reported
 * @param mccmnc serving network, if reported
 * @param rat radio access technology, if reported
 * @param startedAt first Start (or Interim-Update) seen
 * @param refreshedAt last Start / Interim-Update seen
 * @param expiresAt when the session is presumed gone if nothing refreshes it
 */
public record Session(
    InetAddress ip,
    InetAddress nas,
    String sessionId,
    String imsi,
    String imeisv,
    Optional<String> msisdn,
    Optional<String> apn,
    Optional<String> mccmnc,
    Optional<String> rat,
    Instant startedAt,
    Instant refreshedAt,
    Instant expiresAt) {

  public Session {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(nas, "nas");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(imsi, "imsi");
    Objects.requireNonNull(imeisv, "imeisv");
  }

  /** The same PDN connection: one NAS, one Acct-Session-Id. */
  boolean sameConnection(InetAddress otherNas, String otherSessionId) {
    return nas.equals(otherNas) && sessionId.equals(otherSessionId);
  }

  boolean liveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
