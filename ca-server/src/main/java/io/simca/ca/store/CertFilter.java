package io.simca.ca.store;

/** Which certificates {@link CertificateStore#list} selects; null fields do not filter. */
public record CertFilter(String iccid, CertStatus status, String caId) {

  public static final CertFilter ALL = new CertFilter(null, null, null);

  public CertFilter withIccid(String value) {
    return new CertFilter(value, status, caId);
  }

  public CertFilter withStatus(CertStatus value) {
    return new CertFilter(iccid, value, caId);
  }

  public CertFilter withCaId(String value) {
    return new CertFilter(iccid, status, value);
  }
}
