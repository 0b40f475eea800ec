package io.simca.ca.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's files hold the SIM inventory, certificates and the audit trail: owner-only
 * (0600), like the keys beside them. H2 creates them with the process umask, so they are narrowed
 * once the store is open (H2 compacts in place, so the file keeps its mode).
 */
final class H2Files {

  private static final Logger LOG = LoggerFactory.getLogger(H2Files.class);

  private H2Files() {}

  /** Sets 0600 on {@code <base>.*.db} (the MVStore file, a trace file if H2 wrote one). */
  static void restrict(Path base) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Path dir = base.toAbsolutePath().getParent();
    String glob = base.getFileName() + ".*.db";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      for (Path f : files) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      LOG.warn("could not make the store files in {} owner-only: {}", dir, e.getMessage());
    }
  }
}
