package io.simca.ca.hierarchy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where one online key of the hierarchy is kept in the data dir: a PKCS#12 file with its passphrase
 * file, or a reference to a token object ({@code .p11}, one RFC 7512 URI) beside them. The three
 * share a base name, so archiving moves them together.
 */
public record KeySlot(Path p12, Path pass) {

  /**
   * {@code <base>.p11}: {@code pkcs11:id=...;type=private} naming the key in the configured token.
   */
  public Path tokenRef() {
    String name = p12.getFileName().toString();
    return p12.resolveSibling(name.substring(0, name.length() - ".p12".length()) + ".p11");
  }

  /** Every file that may hold this slot's key, for archiving. */
  public List<Path> files() {
    return List.of(p12, pass, tokenRef());
  }

  public boolean exists() {
    return Files.exists(p12) || Files.exists(tokenRef());
  }

  @Override
  public String toString() {
    return p12.toString();
  }
}
