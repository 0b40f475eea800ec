package io.simca.ca.store;

/**
 * Which SIMs {@link SimStore#list} and {@link SimStore#count} select; null fields do not filter.
 *
 * @param iccidPrefix leading ICCID digits (issuer identification number ranges)
 * @param imsi exactly this IMSI (the network attester's lookup)
 */
public record SimFilter(String tenant, SimStatus status, String iccidPrefix, String imsi) {

  public static final SimFilter ALL = new SimFilter(null, null, null, null);

  public SimFilter withTenant(String value) {
    return new SimFilter(value, status, iccidPrefix, imsi);
  }

  public SimFilter withStatus(SimStatus value) {
    return new SimFilter(tenant, value, iccidPrefix, imsi);
  }

  public SimFilter withImsi(String value) {
    return new SimFilter(tenant, status, iccidPrefix, value);
  }

  public SimFilter withIccidPrefix(String value) {
    if (value != null && !value.chars().allMatch(Character::isLetterOrDigit)) {
      throw new IllegalArgumentException("ICCID prefix must be letters and digits: " + value);
    }
    return new SimFilter(tenant, status, value, imsi);
  }
}
