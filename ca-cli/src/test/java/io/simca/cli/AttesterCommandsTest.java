package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.est.attest.AttestationPolicy;
import io.simca.est.attest.AttestationToken;
import io.simca.est.attest.AttestationVerifier;
import io.simca.est.attest.PemAttesterDirectory;
import io.simca.est.testing.TestCsrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attester keygen} and {@code attester issue}: offline, checked by the server's own
 * verifier.
 */
class AttesterCommandsTest {

  @TempDir Path tmp;

  @Test
  void keygenThenIssue_mintsATokenTheVerifierAcceptsForThatCsr() throws Exception {
    Path data = tmp.resolve("data");
    CliRun keygen = CliRun.of("attester", "keygen", "--id", "core-east", "--data", data.toString());
    assertThat(keygen.exit()).as(keygen.toString()).isZero();
    Path key = data.resolve("attesters/core-east.key");
    Path pub = data.resolve("attesters/core-east.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)))
        .isEqualTo("rw-r--r--");

    KeyPair device = TestCsrs.p256();
    Path csr = tmp.resolve("device.csr");
    Files.writeString(csr, TestCsrs.pem(TestCsrs.der(device), "CERTIFICATE REQUEST"));
    String iccid = TestIds.iccid("42", 7);
    CliRun issue =
        CliRun.of(
            "attester",
            "issue",
            "--key",
            key.toString(),
            "--iccid",
            iccid,
            "--imsi",
            TestIds.imsi(7),
            "--imei",
            TestIds.imei(7),
            "--csr",
            csr.toString(),
            "--ttl",
            "60",
            "--mccmnc",
            "90170",
            "--data",
            data.toString());
    assertThat(issue.exit()).as(issue.toString()).isZero();
    String token = issue.out().strip();
    assertThat(token.length()).isLessThanOrEqualTo(512 + 40); // optional claims add a little

    AttestationVerifier verifier =
        new AttestationVerifier(
            PemAttesterDirectory.load(List.of(data.resolve("attesters"))),
            AttestationPolicy.DEFAULT,
            Clock.systemUTC());
    AttestationToken verified = verifier.verify(token, device.getPublic(), Optional.of(iccid));
    assertThat(verified.iccid().value()).isEqualTo(iccid);
    assertThat(verified.kid()).isEqualTo("core-east");
    assertThat(verified.issuer()).isEqualTo("core-east");
    assertThat(verified.mccmnc()).hasValue("90170");
  }

  @Test
  void keygen_refusesToOverwrite_andRejectsUnsafeIds() throws Exception {
    Path data = tmp.resolve("data");
    assertThat(CliRun.of("attester", "keygen", "--id", "a1", "--data", data.toString()).exit())
        .isZero();
    byte[] before = Files.readAllBytes(data.resolve("attesters/a1.key"));
    CliRun again = CliRun.of("attester", "keygen", "--id", "a1", "--data", data.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already exists").contains("not overwriting");
    assertThat(Files.readAllBytes(data.resolve("attesters/a1.key"))).isEqualTo(before);
    assertThat(CliRun.of("attester", "keygen", "--id", "../evil", "--data", data.toString()).exit())
        .isEqualTo(1);
  }

  @Test
  void issue_withAnotherKeysCsr_failsVerification() throws Exception {
    Path data = tmp.resolve("data");
    CliRun.of("attester", "keygen", "--id", "k", "--data", data.toString());
    Path csr = tmp.resolve("d.csr");
    Files.writeString(csr, TestCsrs.pem(TestCsrs.der(TestCsrs.p256()), "CERTIFICATE REQUEST"));
    CliRun issue =
        CliRun.of(
            "attester",
            "issue",
            "--key",
            data.resolve("attesters/k.key").toString(),
            "--iccid",
            TestIds.iccid("42", 8),
            "--imsi",
            TestIds.imsi(8),
            "--imei",
            TestIds.imei(8),
            "--csr",
            csr.toString());
    assertThat(issue.exit()).isZero();
    AttestationVerifier verifier =
        new AttestationVerifier(
            PemAttesterDirectory.load(List.of(data.resolve("attesters"))),
            AttestationPolicy.DEFAULT,
            Clock.systemUTC());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                verifier.verify(issue.out().strip(), TestCsrs.p256().getPublic(), Optional.empty()))
        .isInstanceOf(io.simca.est.attest.AttestationException.class);
  }
}
