package io.simca.cli;

import io.simca.ca.hierarchy.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --root-pass-file}: the offline root's passphrase; defaults to the dev hierarchy's {@code
 * ca/root.pass}.
 */
final class RootPassOption {

  @Option(
      names = "--root-pass-file",
      paramLabel = "FILE",
      description = "Root key passphrase file (default: <data>/ca/root.pass if present)")
  Path rootPassFile;

  char[] read(DataDir dir) {
    Path f = rootPassFile != null ? rootPassFile : dir.rootPassFile();
    if (rootPassFile == null && !Files.exists(f)) {
      throw new CliFailure(
          "the root key is offline: give its passphrase with --root-pass-file FILE");
    }
    return PassFiles.read(f);
  }
}
