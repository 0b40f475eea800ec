package io.simca.ca.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic file writes with the right POSIX mode from the first byte.
 *
 * <p>Why: a key written to a 0644 file and chmod-ed afterwards is readable by anyone in the window
 * between, and a crash mid-write must not leave half a certificate where a script expects a whole
 * one. So files are created under a temporary name <em>with</em> their final mode, fsynced, then
 * renamed into place; directories that hold keys are created 0700.
 */
public final class SecureFiles {

  static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /** Writes {@code content} to {@code file} with mode 0600, atomically (temp file + rename). */
  public static void writePrivate(Path file, byte[] content) {
    write(file, content, PRIVATE_FILE);
  }

  /** Writes {@code content} to {@code file} with mode 0644, atomically (temp file + rename). */
  public static void writePublic(Path file, byte[] content) {
    write(file, content, PUBLIC_FILE);
  }

  /**
   * Creates {@code dir} and missing parents with mode 0700; existing directories are left as they
   * are.
   */
  public static void createPrivateDirectories(Path dir) {
    try {
      if (posix()) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, byte[] content, Set<PosixFilePermission> mode) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    createPrivateDirectories(dir);
    Path tmp = null;
    try {
      FileAttribute<?>[] attrs =
          posix()
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
              : new FileAttribute<?>[0];
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp", attrs);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort; the temp name starts with a dot and ends in .tmp
        }
      }
    }
  }

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
