package io.simca.attester.radius;

/**
 * 3GPP-RAT-Type values (3GPP TS 29.061 §16.4.7 refers to TS 29.274 §8.17) as the names the token's
 * {@code rat} claim carries; a value without a name here is passed on as its number.
 */
final class RatType {

  private RatType() {}

  static String name(int value) {
    return switch (value) {
      case 1 -> "UTRAN";
      case 2 -> "GERAN";
      case 3 -> "WLAN";
      case 4 -> "GAN";
      case 5 -> "HSPA-Evolution";
      case 6 -> "EUTRAN";
      case 7 -> "Virtual";
      case 8 -> "EUTRAN-NB-IoT";
      case 9 -> "LTE-M";
      case 10, 51 -> "NR";
      default -> Integer.toString(value);
    };
  }
}
