package io.simca.ca.server.ocsp;

import io.simca.ca.crl.PublishedCrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The root's CRL of its issuing CAs as a file ({@code ca/root.crl}), signed at the root ceremony
 * and served as it is; re-read when the file changes. Blocking (file I/O): call off the event loop.
 */
final class RootCrlFile {

  record Current(byte[] der, String etag, Instant lastModified) {}

  private final Path file;
  private volatile Current current;

  RootCrlFile(Path file) {
    this.file = file;
  }

  Optional<Current> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Instant mtime = Files.getLastModifiedTime(file).toInstant();
    Current c = current;
    if (c == null || !mtime.equals(c.lastModified())) {
      byte[] der = Files.readAllBytes(file);
      c = new Current(der, PublishedCrl.etagOf(der), mtime);
      current = c;
    }
    return Optional.of(c);
  }
}
