package io.simca.ca.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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

  /**
   * Sets 0600 on {@code <base>.mv.db} and a {@code <base>.trace.db} if H2 wrote one; only when the
   * mode differs, so an open store's file is touched once in its life, and never H2's lock file.
   */
  static void restrict(Path base) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Path dir = base.toAbsolutePath().getParent();
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    for (String suffix : new String[] {".mv.db", ".trace.db"}) {
      Path f = dir.resolve(base.getFileName() + suffix);
      try {
        if (Files.exists(f) && !Files.getPosixFilePermissions(f).equals(ownerOnly)) {
          Files.setPosixFilePermissions(f, ownerOnly);
        }
      } catch (IOException e) {
        LOG.warn("could not make {} owner-only: {}", f, e.getMessage());
      }
    }
  }
}
