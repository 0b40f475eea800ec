package io.simca.cli;

import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca attester keygen --id ID}: a P-256 attester key pair. The private key goes to {@code
 * <data>/attesters/<id>.key} (0600), then the public key to {@code <id>.pem} (0644): the server
 * trusts what it finds as {@code .pem}, so the public half is written last. Never overwrites an
 * existing key.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = "Create a P-256 attester key pair in <data>/attesters/.")
final class AttesterKeygenCommand implements Callable<Integer> {

  /** A kid is a file name and a JWS header value: keep it short and plain. */
  static final Pattern KID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Mixin DataOptions data;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "Attester key id (kid): 1-64 of [A-Za-z0-9._-]")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!KID.matcher(id).matches()) {
      throw new CliFailure(
          "attester id must be 1-64 of [A-Za-z0-9._-], starting with a letter or digit: " + id);
    }
    Path dir = data.dataDir(data.loadConfig()).attestersDir();
    Path key = dir.resolve(id + ".key");
    Path pub = dir.resolve(id + ".pem");
    if (Files.exists(key) || Files.exists(pub)) {
      throw new CliFailure(
          "attester '"
              + id
              + "' already exists ("
              + (Files.exists(key) ? key : pub)
              + "); not overwriting");
    }
    Files.createDirectories(dir);
    KeyPair pair = AttestationMinter.generateAttesterKey();
    try {
      PemKeys.writePrivateKey(key, pair.getPrivate());
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure("attester '" + id + "' already exists (" + key + "); not overwriting");
    }
    Path tmp = Files.createTempFile(dir, "." + id, ".tmp");
    PemKeys.writePublicKey(tmp, pair.getPublic());
    setMode(tmp, "rw-r--r--");
    Files.move(tmp, pub); // no REPLACE_EXISTING: never overwrite
    PrintWriter out = spec.commandLine().getOut();
    out.printf("attester '%s': private key %s (0600), public key %s%n", id, key, pub);
    out.printf(
        "a running server trusts %s as soon as it sees the file; tokens need kid=%s and iss=%s unless policy.attesters maps it%n",
        pub.getFileName(), id, id);
    out.flush();
    return 0;
  }

  private static void setMode(Path file, String mode) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }
  }
}
