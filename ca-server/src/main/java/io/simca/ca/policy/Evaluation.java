package io.simca.ca.policy;

import io.simca.ca.store.SimRow;
import io.simca.est.attest.AttestationToken;
import io.simca.est.codec.ParsedCsr;
import java.util.Optional;

/**
 * The facts the rules establish while they run, in order (the verified token, the SIM row, the IMEI
 * to certify). One per request, used by one thread; rules read what earlier rules found.
 */
public final class Evaluation {

  private final EnrollmentRequest request;
  private Evidence evidence;
  private AttestationToken token;
  private SimRow sim;
  private String imei;
  private boolean rekey;

  Evaluation(EnrollmentRequest request, Evidence evidence) {
    this.request = request;
    this.evidence = evidence;
  }

  public EnrollmentRequest request() {
    return request;
  }

  /** The decoded CSR; only call after the CSR rule passed. */
  public ParsedCsr csr() {
    return request.csr().orElseThrow(() -> new IllegalStateException("CSR rule has not passed"));
  }

  public Evidence evidence() {
    return evidence;
  }

  public Optional<AttestationToken> token() {
    return Optional.ofNullable(token);
  }

  public Optional<SimRow> sim() {
    return Optional.ofNullable(sim);
  }

  public Optional<String> imei() {
    return Optional.ofNullable(imei);
  }

  public boolean rekey() {
    return rekey;
  }

  /** The ICCID under evaluation: the token's sub, else the current certificate's row. */
  public Optional<String> iccid() {
    if (token != null) {
      return Optional.of(token.iccid().value());
    }
    return request.current().flatMap(ClientCertificate::row).map(r -> r.iccid());
  }

  void token(AttestationToken value) {
    this.token = value;
    this.evidence = evidence.withToken(value);
    this.imei = value.imei().value();
  }

  void sim(SimRow value) {
    this.sim = value;
    this.evidence = evidence.withIccid(value.iccid());
  }

  void imei(String value) {
    this.imei = value;
    this.evidence = evidence.withImei(value);
  }

  void evidence(Evidence value) {
    this.evidence = value;
  }

  void rekey(boolean value) {
    this.rekey = value;
  }
}
