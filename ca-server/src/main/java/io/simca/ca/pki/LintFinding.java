package io.simca.ca.pki;

/**
 * One broken rule: which lint, which clause, what is wrong.
 *
 * @param lint the lint's name, e.g. {@code e_serial_positive_max_20_octets}
 * @param citation the rule's source, e.g. {@code RFC 5280 §4.1.2.2}
 * @param detail one line saying what in the certificate breaks it
 */
public record LintFinding(String lint, String citation, String detail) {

  @Override
  public String toString() {
    return lint + " (" + citation + "): " + detail;
  }
}
