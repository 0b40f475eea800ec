package io.simca.ca.pki;

/**
 * What a certificate is for; selects which lints apply.
 *
 * <p>Why: the linter cannot infer intent from a broken certificate (a device certificate that lost
 * its EKU looks like any end-entity certificate), so the profile states it.
 */
public enum CertificateKind {
  ROOT_CA(true),
  ISSUING_CA(true),
  OCSP_RESPONDER(false),
  TLS_SERVER(false),
  OPERATOR(false),
  DEVICE(false);

  private final boolean ca;

  CertificateKind(boolean ca) {
    this.ca = ca;
  }

  /** True for certificates that sign other certificates. */
  public boolean isCa() {
    return ca;
  }
}
