package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.hierarchy.OperatorCredential;
import io.simca.ca.pki.OperatorRole;
import io.simca.ca.store.SimFilter;
import io.simca.ca.store.SimStatus;
import io.simca.ca.testing.TestOperators;
import io.simca.est.testing.Processes;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The online CLI commands against a real node: SIM inventory, certificates, audit, roles, TLS, exit
 * codes.
 */
abstract class AdminCliTests extends AdminNodeFixture {

  private long importedCount(String prefix) {
    return node.stores().sims().count(SimFilter.ALL.withIccidPrefix("89" + prefix));
  }

  @Test
  void simImport_validFile_importsEveryRowAndShowAndListSeeThem() {
    String p = freshPrefix();
    Path f =
        csv(
            "good",
            "iccid,imsi,imei,tenant",
            TestIds.row(p, 1, "acme"),
            TestIds.row(p, 2, "acme"),
            TestIds.iccid(p, 3) + "," + TestIds.imsi(3) + ",,globex");

    CliRun r = cli("sim", "import", f.toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported 3 SIM(s)");
    CliRun show = cli("sim", "show", TestIds.iccid(p, 3));
    assertThat(show.exit()).as(show.toString()).isZero();
    assertThat(show.out())
        .contains("tenant:", "globex", "status:", "active", "certificates:     0")
        .doesNotContain("imei:");
    CliRun list = cli("sim", "list", "--prefix", "89" + p, "-o", "json");
    assertThat(list.jsonLines())
        .extracting(j -> j.getString("iccid"))
        .containsExactly(TestIds.iccid(p, 1), TestIds.iccid(p, 2), TestIds.iccid(p, 3));
    assertThat(list.jsonLines().get(0).getString("imei")).isEqualTo(TestIds.imei(1));
  }

  @Test
  void simList_pagesAndFilters() {
    String p = freshPrefix();
    Path f =
        csv(
            "page",
            "iccid,imsi,imei,tenant",
            TestIds.row(p, 1, "t1"),
            TestIds.row(p, 2, "t2"),
            TestIds.row(p, 3, "t1"),
            TestIds.row(p, 4, "t1"));
    assertThat(cli("sim", "import", f.toString()).exit()).isZero();

    CliRun page =
        cli("sim", "list", "--prefix", "89" + p, "--tenant", "t1", "--offset", "1", "--limit", "1");
    assertThat(page.exit()).as(page.toString()).isZero();
    assertThat(page.out())
        .contains(TestIds.iccid(p, 3))
        .doesNotContain(TestIds.iccid(p, 1))
        .doesNotContain(TestIds.iccid(p, 4))
        .contains("SIMs 2-2 of 3");
    CliRun json = cli("sim", "list", "--prefix", "89" + p, "--status", "SUSPENDED", "-o", "json");
    assertThat(json.exit()).isZero();
    assertThat(json.out()).isBlank();
  }

  @Test
  void simImport_badRows_reportsEveryBadLineWithItsNumberAndImportsNothing() {
    String p = freshPrefix();
    String good = TestIds.row(p, 1, "acme");
    String badLuhn =
        TestIds.wrongCheckDigit(TestIds.iccid(p, 2)) + "," + TestIds.imsi(2) + ",,acme";
    Path f =
        csv(
            "bad",
            "iccid,imsi,imei,tenant",
            good,
            badLuhn,
            TestIds.row(p, 3, "bad tenant!"),
            TestIds.iccid(p, 4) + ",12," + TestIds.imei(4) + ",acme",
            good.replace(",acme", ",other"),
            "just,three,fields");

    CliRun r = cli("sim", "import", f.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            f + ":3: ICCID check digit is wrong",
            f + ":4: tenant",
            f + ":5: IMSI",
            f + ":6: duplicate ICCID " + TestIds.iccid(p, 1) + " (first on line 2)",
            f + ":7: expected 4 fields");
    assertThat(r.err())
        .doesNotContain(":2:")
        .contains("simca: 5 invalid row(s) in " + f + ", nothing imported");
    assertThat(importedCount(p)).isZero();

    CliRun skip = cli("sim", "import", f.toString(), "--skip-invalid", "-o", "json");
    assertThat(skip.exit()).as(skip.toString()).isZero();
    assertThat(skip.json().getInteger("inserted")).isEqualTo(1);
    assertThat(skip.json().getInteger("skippedInvalid")).isEqualTo(5);
    assertThat(importedCount(p)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iccid,imsi,tenant", "", "8944000000000000001,901700000000001,,acme"})
  void simImport_missingOrWrongHeader_isRefused(String firstLine) {
    CliRun r = cli("sim", "import", csv("hdr", firstLine).toString(), "--skip-invalid");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("iccid,imsi,imei,tenant").contains("nothing imported");
  }

  @Test
  void simImport_existingIccids_refusedByNameUnlessSkipExisting() {
    String p = freshPrefix();
    assertThat(
            cli(
                    "sim",
                    "import",
                    csv("first", "iccid,imsi,imei,tenant", TestIds.row(p, 1, "a")).toString())
                .exit())
        .isZero();
    Path again =
        csv("again", "iccid,imsi,imei,tenant", TestIds.row(p, 1, "a"), TestIds.row(p, 2, "a"));

    CliRun refused = cli("sim", "import", again.toString());
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("simca: ")
        .contains("already in the store")
        .contains(TestIds.iccid(p, 1));
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(importedCount(p)).isEqualTo(1);

    CliRun skipped = cli("sim", "import", again.toString(), "--skip-existing");
    assertThat(skipped.exit()).as(skipped.toString()).isZero();
    assertThat(skipped.out()).contains("imported 1 SIM(s)").contains("1 existing");
  }

  @Test
  void simImport_largeFileInChunks_reportsProgressAndImportsAll() {
    String p = freshPrefix();
    String[] lines = new String[51];
    lines[0] = "iccid,imsi,imei,tenant";
    for (int i = 1; i <= 50; i++) {
      lines[i] = TestIds.row(p, i, "bulk");
    }
    CliRun r = cli("sim", "import", csv("bulk", lines).toString(), "--chunk-rows", "20");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("imported 20/50", "imported 40/50", "imported 50/50");
    assertThat(importedCount(p)).isEqualTo(50);
  }

  @Test
  void simResume_suspendedResumes_barredNeedsForce_andBothAreAudited() {
    String p = freshPrefix();
    assertThat(
            cli(
                    "sim",
                    "import",
                    csv(
                            "res",
                            "iccid,imsi,imei,tenant",
                            TestIds.row(p, 1, "a"),
                            TestIds.row(p, 2, "a"))
                        .toString())
                .exit())
        .isZero();
    String suspended = TestIds.iccid(p, 1);
    String lost = TestIds.iccid(p, 2);
    node.stores().sims().updateStatus(suspended, SimStatus.SUSPENDED, "imei_mismatch");
    node.stores().sims().updateStatus(lost, SimStatus.LOST, "test");

    CliRun ok = cli("sim", "resume", suspended);
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("resumed (suspended -> active)");
    assertThat(cli("sim", "resume", suspended).out()).contains("already active");

    CliRun barred = cli("sim", "resume", lost);
    assertThat(barred.exit()).isEqualTo(1);
    assertThat(barred.err()).contains("is lost").contains("stays barred").contains("HTTP 409");
    assertThat(node.stores().sims().find(lost).orElseThrow().status()).isEqualTo(SimStatus.LOST);
    CliRun forced = cli("sim", "resume", lost, "--force", "-o", "json");
    assertThat(forced.exit()).as(forced.toString()).isZero();
    assertThat(forced.json().getString("previous")).isEqualTo("lost");

    CliRun audit = cli("audit", "list", "--type", "sim_resume", "--iccid", lost, "-o", "json");
    assertThat(audit.jsonLines())
        .extracting(j -> j.getString("outcome"))
        .containsExactly("deny", "ok");
    assertThat(audit.jsonLines())
        .allSatisfy(j -> assertThat(j.getString("actor")).isEqualTo("operator:admin(admin)"));
  }

  @Test
  void simShow_unknownOrMalformedIccid_failsWithOneLine() {
    CliRun unknown = cli("sim", "show", TestIds.iccid("99", 1));
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err())
        .isEqualTo("simca: no SIM with ICCID " + TestIds.iccid("99", 1) + " (HTTP 404)\n");
    CliRun bad = cli("sim", "show", "1234");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("ICCID").contains("HTTP 400");
  }

  @Test
  void certListAndShow_showTheSimsCertificatesWithPem() throws Exception {
    String p = freshPrefix();
    String iccid = TestIds.iccid(p, 1);
    BigInteger serial = simWithCertificate(p);

    CliRun list = cli("cert", "list", "--iccid", iccid, "-o", "json");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.jsonLines())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.getString("serial")).isEqualTo(serial.toString(16));
              assertThat(j.getString("status")).isEqualTo("issued");
              assertThat(j.getString("caLabel")).isEqualTo("default");
            });
    CliRun show = cli("cert", "show", serial.toString(16));
    assertThat(show.exit()).as(show.toString()).isZero();
    assertThat(show.out()).contains("CN=" + iccid).contains("-----BEGIN CERTIFICATE-----");
    assertThat(cli("sim", "show", iccid).out())
        .contains("certificates:     1")
        .contains(serial.toString(16));
    assertThat(cli("cert", "list", "--status", "revoked", "--iccid", iccid).out())
        .doesNotContain(serial.toString(16));
    CliRun unknown = cli("cert", "show", "abc123");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no certificate with serial abc123");
  }

  @Test
  void auditList_jsonLinesForASiem_andAfterSeqCursor() {
    String p = freshPrefix();
    assertThat(
            cli(
                    "sim",
                    "import",
                    csv("a", "iccid,imsi,imei,tenant", TestIds.row(p, 1, "a")).toString())
                .exit())
        .isZero();

    CliRun all = cli("audit", "list", "--type", "sim_import", "-o", "json", "--limit", "1000");
    assertThat(all.exit()).as(all.toString()).isZero();
    List<JsonObject> events = all.jsonLines();
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.getString("hash")).hasSize(64));
    JsonObject last = events.get(events.size() - 1);
    assertThat(last.getString("actor")).isEqualTo("operator:admin(admin)");
    assertThat(last.getString("detail")).contains("inserted 1");
    long seq = last.getLong("seq");
    assertThat(
            cli("audit", "list", "--after-seq", Long.toString(seq - 1), "-o", "json")
                .jsonLines()
                .get(0)
                .getLong("seq"))
        .isEqualTo(seq);
    CliRun text = cli("audit", "list", "--type", "sim_import");
    assertThat(text.out()).startsWith("SEQ").contains("sim_import");
  }

  @Test
  void auditVerify_intactChain_exitsZero() {
    CliRun r = cli("audit", "verify");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("audit chain ok: ");
    assertThat(cli("audit", "verify", "-o", "json").json().getBoolean("ok")).isTrue();
  }

  @Test
  void auditor_readsButGets403OnWrites() throws Exception {
    OperatorCredential aud = auditor();
    String[] as = {"--operator", aud.p12().toString()};
    CliRun read = cli(concat(new String[] {"sim", "list", "--limit", "1"}, as));
    assertThat(read.exit()).as(read.toString()).isZero();

    CliRun write = cli(concat(new String[] {"sim", "resume", TestIds.iccid("98", 1)}, as));
    assertThat(write.exit()).isEqualTo(1);
    assertThat(write.err())
        .isEqualTo(
            "simca: role auditor may not POST /admin/v1/sims/"
                + TestIds.iccid("98", 1)
                + "/resume (HTTP 403)\n");

    // The raw answer is RFC 9457 problem+json.
    var curl =
        curlAdmin(
            aud.p12() + ":" + Files.readString(aud.passFile()).strip(),
            "-X",
            "POST",
            "-H",
            "Content-Type: text/csv",
            "--data-binary",
            "iccid,imsi,imei,tenant\n",
            node.adminBase() + "/sims/import");
    assertThat(curl.stdout()).as(curl.stderr()).endsWith("403 application/problem+json");
    JsonObject problem = new JsonObject(curl.stdout().lines().findFirst().orElseThrow());
    assertThat(problem.getInteger("status")).isEqualTo(403);
    assertThat(problem.getString("title")).isEqualTo("role_forbidden");
  }

  /**
   * curl against the node's admin API over mutual TLS with {@code credential} ({@code p12:pass});
   * prints {@code <status> <content type>} on a last line after the body.
   */
  private Processes.Result curlAdmin(String credential, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "-w",
                "\n%{http_code} %{content_type}",
                "--cacert",
                node.rootPem().toString(),
                "--cert-type",
                "P12",
                "--cert",
                credential));
    command.addAll(List.of(args));
    return Processes.run(tmp, command, null);
  }

  private OperatorCredential auditor() {
    return TestOperators.issue(node, "aud", OperatorRole.AUDITOR);
  }

  @Test
  void curl_readsWithTheAdminCredential_andGetsProblemJsonForAnUnknownSim() throws Exception {
    DataDir dir = node.dataDir();
    String cert =
        dir.operatorP12("admin") + ":" + Files.readString(dir.operatorPass("admin")).strip();
    var cas = curlAdmin(cert, node.adminBase() + "/cas");
    assertThat(cas.exitCode()).as(cas.stderr()).isZero();
    assertThat(cas.stdout()).endsWith("200 application/json");
    assertThat(
            new JsonObject(cas.stdout().lines().findFirst().orElseThrow())
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("role"))
        .isEqualTo("root");

    var missing = curlAdmin(cert, node.adminBase() + "/sims/" + TestIds.iccid("97", 1));
    assertThat(missing.stdout()).endsWith("404 application/problem+json");
    assertThat(
            new JsonObject(missing.stdout().lines().findFirst().orElseThrow()).getString("detail"))
        .startsWith("no SIM with ICCID");

    var json =
        curlAdmin(
            cert,
            "-H",
            "Content-Type: application/json",
            "-d",
            "{}",
            node.adminBase() + "/sims/import");
    assertThat(json.stdout()).endsWith("415 application/problem+json");
    var bad =
        curlAdmin(
            cert,
            "-H",
            "Content-Type: text/csv",
            "--data-binary",
            "iccid,imsi,imei,tenant\n" + TestIds.row("94", 1, "a") + "\n8944,1,,a\n",
            node.adminBase() + "/sims/import");
    assertThat(bad.stdout()).endsWith("400 application/problem+json");
    JsonObject rows = new JsonObject(bad.stdout().lines().findFirst().orElseThrow());
    assertThat(rows.getJsonArray("errors").getJsonObject(0).getLong("line")).isEqualTo(3L);
    assertThat(rows.getJsonArray("errors").getJsonObject(0).getString("error")).contains("ICCID");
    assertThat(node.stores().sims().find(TestIds.iccid("94", 1))).isEmpty();
    var paging = curlAdmin(cert, node.adminBase() + "/sims?limit=5000");
    assertThat(paging.stdout())
        .contains("limit must be 1 to 1000")
        .endsWith("400 application/problem+json");
  }

  @Test
  void foreignOperatorCertificate_cannotConnect() throws Exception {
    DataDir foreign = new DataDir(Files.createTempDirectory(tmp, "foreign-").resolve("data"));
    new HierarchyInitializer().init(foreign, InitOptions.defaults());

    CliRun r = cli("sim", "list", "--operator", foreign.operatorP12("admin").toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).startsWith("simca: ").hasLineCount(1);
  }

  @Test
  void exitCodes_usageIsTwo_refusedIsOne_unreachableServerIsOneClearLine() throws Exception {
    assertThat(cli("sim", "list", "--no-such-flag").exit()).isEqualTo(2);
    assertThat(CliRun.of("sim", "show").exit()).isEqualTo(2);
    assertThat(cli("cert", "revoke", "ab", "--reason", "bogus").exit()).isEqualTo(2);
    assertThat(cli("sim", "revoke", TestIds.iccid("96", 1), "--reason", "misplaced").exit())
        .isEqualTo(2);
    assertThat(cli("sim", "list", "--status", "nope").exit()).isEqualTo(2);

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRun down =
        CliRun.of(
            "sim",
            "list",
            "--data",
            node.dataDir().root().toString(),
            "--server",
            "https://127.0.0.1:" + closed);
    assertThat(down.exit()).isEqualTo(1);
    assertThat(down.err())
        .isEqualTo(
            "simca: cannot reach the admin API at https://127.0.0.1:"
                + closed
                + ": is `simca serve` running?\n");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
