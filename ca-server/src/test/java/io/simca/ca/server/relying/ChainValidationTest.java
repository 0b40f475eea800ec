package io.simca.ca.server.relying;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.revocation.SimRevocationReason;
import io.simca.ca.rootca.RevokedIssuingCas;
import io.simca.ca.rootca.RootRevocationPublisher;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Relying parties at their full-chain settings accept a fresh device certificate and refuse it
 * after {@code sim revoke}: GnuTLS {@code certtool --verify} with both CRLs, Java's PKIX validator
 * with its revocation checker on every certificate of the path (OCSP from each AIA, CRL fallback,
 * no soft-fail), and {@code openssl verify -crl_check_all} with the CRLs fetched from simca (the
 * root's and the issuing CA's). Both need the root's answers about the issuing CA, which the node
 * serves from what the root signed.
 */
class ChainValidationTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void fullChainRevocationChecking_acceptsThenRefusesAfterSimRevoke(TestStores.Kind kind)
      throws Exception {
    Requirements.tool("openssl", "openssl");
    Requirements.tool("curl", "curl");
    Requirements.tool("certtool", "gnutls-bin");
    try (TestServer node = RelyingPartyNodes.withRealUrls(tmp, kind)) {
      TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
      X509Certificate issuing = node.issuingCa().cert();

      javaPkix(node, dev.cert(), issuing); // throws if refused
      assertThat(opensslCrlCheckAll(node, dev)).contains(": OK");
      assertThat(gnutlsVerify(node, dev)).contains("Chain verification output: Verified.");

      node.server()
          .services()
          .revocation()
          .revokeSim(dev.iccid(), SimRevocationReason.LOST, "test");
      long deadline = System.nanoTime() + 2_000_000_000L;
      CertPathValidatorException refused = null;
      while (refused == null && System.nanoTime() < deadline) {
        try {
          javaPkix(node, dev.cert(), issuing);
          Thread.sleep(100);
        } catch (CertPathValidatorException e) {
          refused = e;
        }
      }
      assertThat(refused).as("Java PKIX refuses within 2 s").isNotNull();
      assertThat(refused.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
      assertThat(refused.getIndex()).isZero();
      String afterCrl = "";
      while (!afterCrl.contains("certificate revoked")
          && System.nanoTime() < deadline + 3_000_000_000L) {
        afterCrl = opensslCrlCheckAll(node, dev);
      }
      assertThat(afterCrl).contains("certificate revoked");
      assertThat(gnutlsVerify(node, dev)).contains("The certificate chain is revoked");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theRootsAnswers_areServed_aboutTheIssuingCaOnly(TestStores.Kind kind) throws Exception {
    Requirements.tool("openssl", "openssl");
    try (TestServer node = RelyingPartyNodes.withRealUrls(tmp, kind)) {
      Path root = node.rootPem();
      Path issuing = tmp.resolve("issuing.pem");
      Files.copy(node.dataDir().issuingCert("default"), issuing);
      Processes.Result r =
          Processes.run(
              tmp,
              List.of(
                  "openssl",
                  "ocsp",
                  "-issuer",
                  root.toString(),
                  "-cert",
                  issuing.toString(),
                  "-url",
                  node.httpBase() + "/ocsp",
                  "-CAfile",
                  root.toString(),
                  "-no_nonce"),
              null);
      assertThat(r.output()).contains(issuing + ": good").contains("Response verify OK");
      Path crl = tmp.resolve("root.crl");
      Processes.run(
              tmp,
              List.of("curl", "-sSf", "-o", crl.toString(), node.httpBase() + "/crl/root.crl"),
              null)
          .assertOk();
      Processes.Result text =
          Processes.run(
              tmp,
              List.of("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text"),
              null);
      assertThat(text.output())
          .contains("Only CA Certificates")
          .contains("No Revoked Certificates");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRevokedIssuingCa_failsEveryCertificateUnderIt_andEnrolsNoMore(TestStores.Kind kind)
      throws Exception {
    Requirements.tool("openssl", "openssl");
    Requirements.tool("curl", "curl");
    try (TestServer node = RelyingPartyNodes.withRealUrls(tmp, kind)) {
      TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
      X509Certificate issuing = node.issuingCa().cert();
      javaPkix(node, dev.cert(), issuing);

      // simca ca revoke --label default --reason cACompromise, as the CLI does it.
      DataDir dir = node.dataDir();
      RevokedIssuingCas.add(dir, issuing.getSerialNumber(), 2, Instant.now());
      new RootRevocationPublisher(CryptoProviders.get(), Clock.systemUTC())
          .publish(
              dir, HierarchyService.loadRoot(dir, KeyFiles.readPassphrase(dir.rootPassFile())));

      assertThat(opensslCrlCheckAll(node, dev)).contains("certificate revoked");
      // The node re-reads the root's OCSP answers every 10 s.
      long deadline = System.nanoTime() + 15_000_000_000L;
      CertPathValidatorException refused = null;
      while (refused == null && System.nanoTime() < deadline) {
        try {
          javaPkix(node, dev.cert(), issuing);
          Thread.sleep(250);
        } catch (CertPathValidatorException e) {
          refused = e;
        }
      }
      assertThat(refused).as("Java PKIX refuses the chain").isNotNull();
      assertThat(refused.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
      assertThat(refused.getIndex()).as("the issuing CA, not the device").isEqualTo(1);

      KeyPair attester = AttestationMinter.generateAttesterKey();
      AttestationMinter minter = new AttestationMinter("rp-test", "rp-test", attester.getPrivate());
      node.trustAttester("rp-test", attester.getPublic());
      Thread.sleep(2_500); // the attester folder poll
      DeviceSimulator.Identity id = DeviceSimulator.Identity.random();
      node.stores()
          .sims()
          .insertAll(List.of(SimRow.imported(id.iccid().value(), id.imsi().value(), null, "acme")));
      DeviceSimulator.Result r =
          new DeviceSimulator(node.estBase(), node.root(), minter, id).enroll();
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.body()).startsWith("issuing_ca_revoked:");
    }
  }

  private static void javaPkix(TestServer node, X509Certificate device, X509Certificate issuing)
      throws Exception {
    CertPathValidator validator = CertPathValidator.getInstance("PKIX");
    // The default options: OCSP first (from each certificate's AIA), CRLs as fallback, every
    // certificate of the path, and no soft-fail.
    PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(node.root(), null)));
    params.addCertPathChecker(checker);
    params.setRevocationEnabled(true);
    validator.validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(device, issuing)), params);
  }

  /** GnuTLS certtool over the device chain with both CRLs (it fetches nothing itself). */
  private String gnutlsVerify(TestServer node, TestCertificates.Issued dev) throws Exception {
    opensslCrlCheckAll(node, dev); // fetches both CRLs into tmp as PEM
    Path crls = tmp.resolve("crls.pem");
    Files.writeString(
        crls,
        Files.readString(tmp.resolve("root-crl.der.pem"))
            + Files.readString(tmp.resolve("ca-crl.der.pem")));
    Path chain = tmp.resolve("chain.pem");
    Files.writeString(chain, Files.readString(dev.certPem()) + Files.readString(dev.issuerPem()));
    return Processes.run(
            tmp,
            List.of(
                "certtool",
                "--verify",
                "--load-ca-certificate",
                dev.rootPem().toString(),
                "--load-crl",
                crls.toString(),
                "--infile",
                chain.toString()),
            null)
        .output();
  }

  private String opensslCrlCheckAll(TestServer node, TestCertificates.Issued dev) {
    Path rootCrl = tmp.resolve("root-crl.der");
    Path caCrl = tmp.resolve("ca-crl.der");
    Processes.run(
            tmp,
            List.of("curl", "-sSf", "-o", rootCrl.toString(), node.httpBase() + "/crl/root.crl"),
            null)
        .assertOk();
    Processes.run(
            tmp,
            List.of("curl", "-sSf", "-o", caCrl.toString(), node.httpBase() + "/crl/default.crl"),
            null)
        .assertOk();
    for (Path der : List.of(rootCrl, caCrl)) {
      Processes.run(
              tmp,
              List.of(
                  "openssl", "crl", "-inform", "DER", "-in", der.toString(), "-out", der + ".pem"),
              null)
          .assertOk();
    }
    return Processes.run(
            tmp,
            List.of(
                "openssl",
                "verify",
                "-crl_check_all",
                "-CAfile",
                dev.rootPem().toString(),
                "-untrusted",
                dev.issuerPem().toString(),
                "-CRLfile",
                rootCrl + ".pem",
                "-CRLfile",
                caCrl + ".pem",
                dev.certPem().toString()),
            null)
        .output();
  }
}
