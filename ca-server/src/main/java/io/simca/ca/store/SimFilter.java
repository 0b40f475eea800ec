package io.simca.ca.store;

/**
 * Which SIMs {@link SimStore#list} and {@link SimStore#count} select; null fields do not filter.
 *
 * @param iccidPrefix leading ICCID digits (issuer identification number ranges)
 */
public record SimFilter(String tenant, SimStatus status, String iccidPrefix) {

  public static final SimFilter ALL = new SimFilter(null, null, null);

  public SimFilter withTenant(String value) {
    return new SimFilter(value, status, iccidPrefix);
  }

  public SimFilter withStatus(SimStatus value) {
    return new SimFilter(tenant, value, iccidPrefix);
  }

  public SimFilter withIccidPrefix(String value) {
    if (value != null && !value.chars().allMatch(Character::isLetterOrDigit)) {
      throw new IllegalArgumentException("ICCID prefix must be letters and digits: " + value);
    }
    return new SimFilter(tenant, status, value);
  }
}
