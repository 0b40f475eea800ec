package io.simca.cli;

import io.simca.ca.config.ListenerConfig;
import io.simca.ca.config.SimcaConfig;
import io.simca.ca.hierarchy.DataDir;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How online commands reach the admin API (DESIGN.md "Public contract"): {@code --server} (default
 * from config {@code server.admin}, i.e. {@code https://127.0.0.1:9443}), the operator credential
 * {@code --operator} / {@code --operator-pass-file} (default {@code <data>/operators/admin.p12} and
 * {@code .pass}), trusting {@code <data>/ca/root.pem} only.
 */
final class AdminOptions {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Admin API base URL (default: https://<server.admin.host>:<server.admin.port>, https://127.0.0.1:9443)")
  URI server;

  @Option(
      names = "--operator",
      paramLabel = "P12",
      description = "Operator credential, PKCS#12 (default: <data>/operators/admin.p12)")
  Path operator;

  @Option(
      names = "--operator-pass-file",
      paramLabel = "FILE",
      description = "Passphrase of the operator credential (default: <data>/operators/admin.pass)")
  Path operatorPassFile;

  /** Opens a client for the data dir and config of {@code data}. */
  AdminClient connect(DataOptions data) {
    Target t = target(data, "admin");
    return AdminClient.open(t.server(), t.p12(), PassFiles.read(t.passFile()), t.rootCert());
  }

  /**
   * Where and as whom to reach the admin API; the credential defaults to {@code <defaultName>.p12}.
   */
  record Target(URI server, Path p12, Path passFile, Path rootCert) {}

  Target target(DataOptions data, String defaultName) {
    SimcaConfig cfg = data.loadConfig();
    DataDir dir = data.dataDir(cfg);
    Path p12 = operator != null ? operator : dir.operatorP12(defaultName);
    Path pass = operatorPassFile != null ? operatorPassFile : defaultPassFile(p12, dir);
    if (!Files.isRegularFile(p12)) {
      throw new CliFailure("no operator credential at " + p12 + " (give one with --operator P12)");
    }
    if (!Files.isRegularFile(dir.rootCert())) {
      throw new CliFailure(
          "no trust anchor at " + dir.rootCert() + " (is --data the server's data dir?)");
    }
    return new Target(
        server != null ? server : defaultServer(cfg.server().admin()), p12, pass, dir.rootCert());
  }

  /**
   * {@code x.p12} pairs with {@code x.pass} beside it, as {@code ca init} and operator issuance
   * write them.
   */
  private static Path defaultPassFile(Path p12, DataDir dir) {
    String name = p12.getFileName().toString();
    if (name.endsWith(".p12")) {
      return p12.resolveSibling(name.substring(0, name.length() - 4) + ".pass");
    }
    return dir.operatorPass("admin");
  }

  static URI defaultServer(ListenerConfig admin) {
    String host = admin.host();
    if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("https://" + host + ":" + admin.port());
  }
}
