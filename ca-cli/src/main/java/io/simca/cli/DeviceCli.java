package io.simca.cli;

import io.simca.device.DeviceCredentials;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import picocli.CommandLine.Model.CommandSpec;

/** What the two device commands share: URL defaults and the one-line report. */
final class DeviceCli {

  private static final String EST_PATH = "/.well-known/est";

  private DeviceCli() {}

  /** {@code https://host:8443} means its {@code /.well-known/est} (RFC 7030 §3.2.2). */
  static URI estBase(URI est) {
    String path = est.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return est.resolve(EST_PATH);
    }
    return est;
  }

  static Path defaultTrust(DataOptions data) {
    return data.dataDir(data.loadConfig()).rootCert();
  }

  static void printIssued(CommandSpec spec, String what, DeviceCredentials creds, Path out) {
    X509Certificate cert = creds.certificate();
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "%s: %s serial %s valid until %s -> %s%n",
        what,
        cert.getSubjectX500Principal().getName(),
        cert.getSerialNumber().toString(16),
        cert.getNotAfter().toInstant(),
        out.resolve(DeviceCredentials.CERT_FILE));
    w.flush();
  }
}
