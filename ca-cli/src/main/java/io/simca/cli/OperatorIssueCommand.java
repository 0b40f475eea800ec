package io.simca.cli;

import io.simca.ca.crypto.Pem;
import io.simca.ca.hierarchy.HierarchyException;
import io.simca.ca.hierarchy.OperatorCredential;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca operator issue --name N --role R [--days D] [--out DIR]}: generates the key here,
 * has the admin API sign, store and audit a certificate for it, and writes {@code <DIR>/<N>.p12}
 * with its passphrase in {@code <DIR>/<N>.pass} (both 0600). The private key never leaves this
 * machine.
 */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = "Issue an operator credential (<out>/<name>.p12 + .pass).")
final class OperatorIssueCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "N",
      description = "Operator name: the certificate CN and file name, 1-64 of [A-Za-z0-9._-]")
  String name;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "R",
      description = "admin, operator, auditor or attester")
  OperatorRole role;

  @Option(
      names = "--days",
      paramLabel = "D",
      description =
          "Lifetime in days (default " + OperatorProfile.DEFAULT_ISSUE_DAYS + ", max 365)")
  int days = OperatorProfile.DEFAULT_ISSUE_DAYS;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write <name>.p12 and <name>.pass (default: <data>/operators)")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!OperatorProfile.isValidName(name)) {
      throw new CliFailure("invalid operator name '" + name + "': use 1-64 of [A-Za-z0-9._-]");
    }
    Path dir = out != null ? out : data.dataDir(data.loadConfig()).operatorsDir();
    Path p12 = dir.resolve(name + ".p12");
    Path pass = dir.resolve(name + ".pass");
    for (Path p : List.of(p12, pass)) {
      if (Files.exists(p)) {
        throw new CliFailure(p + " already exists; choose another --name or --out");
      }
    }
    AdminClient client = admin.connect(data);
    OperatorCredential.Request req = OperatorCredential.newRequest(name);
    JsonObject r =
        client.post(
            "/operators",
            new JsonObject()
                .put("name", name)
                .put("role", role.id())
                .put("days", days)
                .put("csr", Base64.getEncoder().encodeToString(req.csrDer())));
    List<X509Certificate> chain = new ArrayList<>();
    for (Object pem : r.getJsonArray("chain", new JsonArray())) {
      chain.addAll(Pem.decodeCertificates(String.valueOf(pem)));
    }
    if (chain.isEmpty() || !chain.get(0).getPublicKey().equals(req.keyPair().getPublic())) {
      throw new CliFailure("the admin API answered without a certificate for the new key");
    }
    try {
      io.simca.ca.crypto.SecureFiles.createPrivateDirectories(dir);
      OperatorCredential.write(name, role, req.keyPair().getPrivate(), chain, p12, pass);
    } catch (HierarchyException e) {
      throw new CliFailure(e.getMessage());
    }
    PrintWriter w = spec.commandLine().getOut();
    if (output.json()) {
      w.println(r.copy().put("p12", p12.toString()).put("passFile", pass.toString()).encode());
    } else {
      w.printf(
          "issued operator %s (%s), serial %s, valid until %s%n  credential: %s%n  passphrase: %s%n",
          name, role.id(), r.getString("serial"), r.getString("notAfter"), p12, pass);
    }
    w.flush();
    return 0;
  }
}
