package io.simca.bench;

import io.simca.ca.crypto.Pem;
import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertFilter;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.OcspCertStatus;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.StoreSettings;
import io.simca.ca.store.Stores;
import io.simca.ca.store.VerifyResult;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What {@code scripts/crash-under-load} checks after it SIGKILLed a node under enrolment load. The
 * rule under test: a certificate is never returned before its record (certificate, OCSP response,
 * audit event) is committed, so nothing a client received is lost and nothing is half-issued.
 *
 * <pre>
 *   CrashCheck store DATA_DIR|JDBC_URL ANSWERED_PEM   the store, read directly (node stopped)
 *   CrashCheck ocsp OCSP_URL ISSUER_PEM ANSWERED_PEM  the restarted node's OCSP answers
 * </pre>
 *
 * Prints one line of counts; exits 1 with one line per violation.
 */
public final class CrashCheck {

  private CrashCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 && args.length != 4) {
      System.err.println(
          "usage: store DATA_DIR|JDBC_URL ANSWERED_PEM | ocsp OCSP_URL ISSUER_PEM ANSWERED_PEM");
      System.exit(2);
    }
    List<String> problems =
        switch (args[0]) {
          case "store" -> checkStore(args[1], Pem.readCertificates(Path.of(args[2])));
          case "ocsp" ->
              checkOcsp(
                  URI.create(args[1]),
                  Pem.readCertificate(Path.of(args[2])),
                  Pem.readCertificates(Path.of(args[3])));
          default -> throw new IllegalArgumentException("unknown check " + args[0]);
        };
    problems.stream().limit(20).forEach(p -> System.out.println("  VIOLATION " + p));
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  private static List<String> checkStore(String where, List<X509Certificate> answered) {
    StoreSettings settings =
        where.startsWith("jdbc:") ? StoreSettings.of(where) : StoreSettings.h2(Path.of(where));
    List<String> problems = new ArrayList<>();
    try (Stores stores = Stores.open(settings)) {
      Set<BigInteger> audited = allowedEnrolments(stores);
      for (X509Certificate cert : answered) {
        BigInteger serial = cert.getSerialNumber();
        Optional<CertificateRow> row = stores.certs().find(serial);
        if (row.isEmpty() || row.get().status() != CertStatus.ISSUED) {
          problems.add("answered 200 but not stored as issued: " + serial.toString(16));
        } else if (!Arrays.equals(row.get().certDer(), der(cert))) {
          problems.add("stored certificate differs from the one answered: " + serial.toString(16));
        }
        if (!audited.contains(serial)) {
          problems.add("answered 200 without an ALLOW audit event: " + serial.toString(16));
        }
      }
      // Half-issued: a certificate stored as issued without its OCSP response or audit event.
      List<CertificateRow> issued = all(stores, CertStatus.ISSUED);
      for (CertificateRow row : issued) {
        Optional<OcspResponseRow> ocsp = stores.ocsp().find(row.serial());
        if (ocsp.isEmpty() || ocsp.get().certStatus() != OcspCertStatus.GOOD) {
          problems.add("issued without a good OCSP response: " + row.serial().toString(16));
        }
        if (!audited.contains(row.serial())) {
          problems.add("issued without an ALLOW audit event: " + row.serial().toString(16));
        }
      }
      int reserved = all(stores, CertStatus.RESERVED).size();
      VerifyResult chain = stores.audit().verify();
      if (!chain.ok()) {
        problems.add("audit verify: " + chain);
      }
      System.out.printf(
          "store: answered 200 %d, stored issued %d (not answered: %d, cut off in flight), reserved"
              + " left %d, ALLOW enrol events %d, audit chain %d events %s, violations %d%n",
          answered.size(),
          issued.size(),
          issued.size() - answered.size(),
          reserved,
          audited.size(),
          chain.checked(),
          chain.ok() ? "intact" : "BROKEN",
          problems.size());
    }
    return problems;
  }

  private static List<String> checkOcsp(
      URI ocspUrl, X509Certificate issuer, List<X509Certificate> answered) throws Exception {
    var digest = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    var issuerHolder = new JcaX509CertificateHolder(issuer);
    HttpClient http = HttpClient.newHttpClient();
    List<String> problems = new ArrayList<>();
    int good = 0;
    for (X509Certificate cert : answered) {
      BigInteger serial = cert.getSerialNumber();
      byte[] request =
          new OCSPReqBuilder()
              .addRequest(new CertificateID(digest, issuerHolder, serial))
              .build()
              .getEncoded();
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(ocspUrl)
                  .header("Content-Type", "application/ocsp-request")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      OCSPResp resp = new OCSPResp(response.body());
      SingleResp single =
          resp.getStatus() == OCSPResp.SUCCESSFUL
              ? ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0]
              : null;
      // BC reports "good" as a null CertificateStatus (RFC 6960 §4.2.1 CertStatus good is NULL).
      if (single != null && single.getCertStatus() == null) {
        good++;
      } else {
        problems.add("OCSP not good after restart: " + serial.toString(16));
      }
    }
    System.out.printf(
        "ocsp after restart: %d of %d answered certificates good, violations %d%n",
        good, answered.size(), problems.size());
    return problems;
  }

  private static Set<BigInteger> allowedEnrolments(Stores stores) {
    AuditFilter filter = AuditFilter.ALL.withEventType("enroll").withOutcome(AuditOutcome.ALLOW);
    Set<BigInteger> serials = new HashSet<>();
    long after = 0;
    while (true) {
      List<AuditEvent> page = stores.audit().list(filter, after, 1000);
      if (page.isEmpty()) {
        return serials;
      }
      page.stream().map(AuditEvent::serial).filter(s -> s != null).forEach(serials::add);
      after = page.get(page.size() - 1).seq();
    }
  }

  private static List<CertificateRow> all(Stores stores, CertStatus status) {
    List<CertificateRow> rows = new ArrayList<>();
    CertFilter filter = new CertFilter(null, status, null);
    while (true) {
      List<CertificateRow> page = stores.certs().list(filter, rows.size(), 1000);
      rows.addAll(page);
      if (page.size() < 1000) {
        return rows;
      }
    }
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
