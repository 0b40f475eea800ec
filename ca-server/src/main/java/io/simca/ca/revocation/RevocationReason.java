package io.simca.ca.revocation;

import java.util.Arrays;
import java.util.Locale;

/**
 * RFC 5280 §5.3.1 CRLReason codes (7 is unused; certificateHold is not offered: revocation is
 * final).
 */
public enum RevocationReason {
  UNSPECIFIED(0),
  KEY_COMPROMISE(1),
  CA_COMPROMISE(2),
  AFFILIATION_CHANGED(3),
  SUPERSEDED(4),
  CESSATION_OF_OPERATION(5),
  PRIVILEGE_WITHDRAWN(9);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The CLI spelling: {@code keyCompromise}, {@code key-compromise} and {@code KEY_COMPROMISE} all
   * parse.
   */
  public static RevocationReason parse(String text) {
    String norm = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(r -> r.name().replace("_", "").toLowerCase(Locale.ROOT).equals(norm))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown revocation reason '"
                        + text
                        + "' (one of "
                        + Arrays.stream(values()).map(RevocationReason::cliName).toList()
                        + ")"));
  }

  public static RevocationReason ofCode(int code) {
    return Arrays.stream(values())
        .filter(r -> r.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unsupported CRLReason code " + code));
  }

  /** camelCase as RFC 5280 spells it, e.g. {@code keyCompromise}. */
  public String cliName() {
    String[] parts = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }
}
