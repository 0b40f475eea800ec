package io.simca.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Puts operator input into a URL path safely (an ICCID or serial is one path segment, whatever was
 * typed).
 */
final class Paths {

  private Paths() {}

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
