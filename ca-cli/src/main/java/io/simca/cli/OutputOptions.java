package io.simca.cli;

import picocli.CommandLine.Option;

/** {@code -o text|json}: human tables by default, JSON lines for scripts and SIEMs. */
final class OutputOptions {

  enum Format {
    text,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: text (default) or json")
  Format format = Format.text;

  boolean json() {
    return format == Format.json;
  }
}
