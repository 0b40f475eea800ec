package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** {@code simca operator issue|list|revoke} against a real node, and what a revocation does. */
abstract class OperatorCliTests extends AdminNodeFixture {

  @Test
  void issue_writesAWorkingCredential_revoke_cutsItOff() throws Exception {
    String name = "alice-" + freshPrefix();
    CliRun issued = cli("operator", "issue", "--name", name, "--role", "operator", "--days", "3");

    assertThat(issued.exit()).as(issued.toString()).isZero();
    assertThat(issued.out()).contains("issued operator " + name + " (operator)");
    Path p12 = node.dataDir().operatorP12(name);
    Path pass = node.dataDir().operatorPass(name);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p12)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pass)))
        .isEqualTo("rw-------");
    X509Certificate cert = KeyFiles.readPkcs12(p12, KeyFiles.readPassphrase(pass)).cert();
    assertThat(OperatorProfile.roleOf(cert)).hasValue(OperatorRole.OPERATOR);

    CliRun list = cli("operator", "list", "-o", "json");
    assertThat(list.exit()).as(list.toString()).isZero();
    JsonObject row =
        list.jsonLines().stream()
            .filter(j -> j.getString("name").equals(name))
            .findFirst()
            .orElseThrow();
    assertThat(row.getBoolean("live")).isTrue();
    assertThat(row.getString("serial")).isEqualTo(cert.getSerialNumber().toString(16));
    assertThat(cli("operator", "list").out()).contains("NAME", name, "operator");

    CliRun asAlice = cli("sim", "list", "--limit", "1", "--operator", p12.toString());
    assertThat(asAlice.exit()).as(asAlice.toString()).isZero();
    // Not an admin: operator management is refused.
    CliRun aliceLists = cli("operator", "list", "--operator", p12.toString());
    assertThat(aliceLists.exit()).isEqualTo(1);
    assertThat(aliceLists.err()).contains("may not").hasLineCount(1);

    CliRun again =
        cli(
            "operator",
            "issue",
            "--name",
            name,
            "--role",
            "auditor",
            "--out",
            Files.createTempDirectory(tmp, "out-").toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already has a live credential").hasLineCount(1);

    CliRun revoke = cli("operator", "revoke", name);
    assertThat(revoke.exit()).as(revoke.toString()).isZero();
    assertThat(revoke.out()).contains("revoked operator " + name);

    CliRun refused = cli("sim", "list", "--limit", "1", "--operator", p12.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("revoked").hasLineCount(1);
    assertThat(cli("operator", "revoke", name).out()).contains("nothing revoked");
  }

  @Test
  void issue_usageAndRefusals() {
    assertThat(cli("operator", "issue", "--name", "x", "--role", "root").exit()).isEqualTo(2);
    assertThat(cli("operator", "issue", "--role", "admin").exit()).isEqualTo(2);
    CliRun badName = cli("operator", "issue", "--name", "bad name", "--role", "admin");
    assertThat(badName.exit()).isEqualTo(1);
    assertThat(badName.err()).contains("invalid operator name").hasLineCount(1);
    CliRun tooLong =
        cli(
            "operator",
            "issue",
            "--name",
            "long-" + freshPrefix(),
            "--role",
            "admin",
            "--days",
            "400");
    assertThat(tooLong.exit()).isEqualTo(1);
    assertThat(tooLong.err()).contains("days must be 1 to 365").hasLineCount(1);
    CliRun existing = cli("operator", "issue", "--name", "admin", "--role", "admin");
    assertThat(existing.exit()).isEqualTo(1);
    assertThat(existing.err()).contains("already exists");
    CliRun unknown = cli("operator", "revoke", "nobody-" + freshPrefix());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no operator named");
  }
}
