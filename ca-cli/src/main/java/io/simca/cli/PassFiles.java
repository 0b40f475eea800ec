package io.simca.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a passphrase file (first line, trailing newline stripped), failing with one clear line. */
final class PassFiles {

  private PassFiles() {}

  static char[] read(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      String line = (nl < 0 ? s : s.substring(0, nl)).stripTrailing();
      if (line.isEmpty()) {
        throw new CliFailure("passphrase file " + file + " is empty");
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new CliFailure(
          "cannot read passphrase file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
