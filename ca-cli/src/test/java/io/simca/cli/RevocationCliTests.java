package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code sim revoke}, {@code cert revoke} and {@code crl publish} through the admin API of a real
 * node.
 */
abstract class RevocationCliTests extends AdminNodeFixture {

  @Test
  void simRevoke_printsTheRevokedSerials_thenSaysNothingNewWasRevoked() throws Exception {
    String p = freshPrefix();
    String iccid = TestIds.iccid(p, 1);
    BigInteger serial = simWithCertificate(p);

    CliRun first = cli("sim", "revoke", iccid, "--reason", "lost");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("is lost")
        .contains("revoked 1 certificate(s)")
        .contains(serial.toString(16));
    CliRun again = cli("sim", "revoke", iccid, "--reason", "lost");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("no certificate newly revoked");
    assertThat(cli("cert", "show", serial.toString(16)).out())
        .contains("revoked")
        .contains("keyCompromise");
    CliRun json = cli("sim", "revoke", iccid, "--reason", "stolen", "-o", "json");
    assertThat(json.json().getJsonArray("revokedSerials")).isEmpty();
  }

  @Test
  void certRevoke_revokesOnce_withRfc5280ReasonNames() throws Exception {
    String p = freshPrefix();
    String iccid = TestIds.iccid(p, 1);
    BigInteger serial = simWithCertificate(p);

    CliRun r =
        cli(
            "cert",
            "revoke",
            serial.toString(16),
            "--reason",
            "key-compromise",
            "--invalidity-date",
            "2026-01-01T00:00:00Z");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("revoked certificate " + serial.toString(16) + " (keyCompromise)");
    assertThat(cli("cert", "revoke", serial.toString(16), "--reason", "superseded").out())
        .contains("already revoked");
    assertThat(cli("cert", "list", "--iccid", iccid, "--status", "revoked").out())
        .contains(serial.toString(16));
  }

  @Test
  void crlPublish_allAndOneLabel() {
    CliRun all = cli("crl", "publish");
    assertThat(all.exit()).as(all.toString()).isZero();
    assertThat(all.out()).contains("published CRL of 'default'");
    CliRun one = cli("crl", "publish", "--label", "default", "-o", "json");
    assertThat(one.exit()).as(one.toString()).isZero();
    assertThat(one.json().getJsonObject("crls").getLong("default")).isPositive();
  }

  @Test
  void auditor_cannotRevoke() {
    var aud =
        io.simca.ca.testing.TestOperators.issue(
            node, "aud-rev", io.simca.ca.pki.OperatorRole.AUDITOR);
    CliRun r =
        cli(
            "sim",
            "revoke",
            TestIds.iccid("95", 1),
            "--reason",
            "lost",
            "--operator",
            aud.p12().toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("role auditor may not").contains("HTTP 403");
  }
}
