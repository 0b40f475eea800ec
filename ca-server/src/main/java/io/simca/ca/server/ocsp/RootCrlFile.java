package io.simca.ca.server.ocsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The root's CRL of its issuing CAs as a file ({@code ca/root.crl}), signed at the root ceremony
 * and served as it is; re-read when the file changes. Blocking (file I/O): call off the event loop.
 */
final class RootCrlFile {

  record Current(byte[] der, String etag, Instant lastModified) {}

  private final Path file;
  private volatile FileTime seen;
  private volatile Current current;

  RootCrlFile(Path file) {
    this.file = file;
  }

  Optional<Current> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    FileTime mtime = Files.getLastModifiedTime(file);
    Current c = current;
    if (c == null || !mtime.equals(seen)) {
      byte[] der = Files.readAllBytes(file);
      c = new Current(der, etag(der), mtime.toInstant());
      current = c;
      seen = mtime;
    }
    return Optional.of(c);
  }

  private static String etag(byte[] der) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(der);
      return "\"" + HexFormat.of().formatHex(h, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
