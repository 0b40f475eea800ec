package io.simca.ca.config;

/**
 * Where the issuing CA and OCSP responder keys are generated and kept ({@code ca.keys}): {@code
 * pkcs12} files in the data dir (the default, and the dev hierarchy's), or a {@code pkcs11} token.
 * The root key is always a passphrase-protected file meant for an offline machine.
 */
public record KeysConfig(String provider, Pkcs11Config pkcs11) {

  public static final String PKCS12 = "pkcs12";
  public static final String PKCS11 = "pkcs11";

  public boolean usesToken() {
    return PKCS11.equals(provider);
  }

  /**
   * The token that {@code ca.keys.pkcs11} names (Java's SunPKCS11 provider).
   *
   * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
   * @param slot the slot id; -1 = use {@code slotListIndex}
   * @param slotListIndex index into the module's slot list when no slot id is given
   * @param pinFile file whose first line is the user PIN (0600); preferred over {@code pin}
   * @param pin the user PIN itself, for {@code SIMCA_CA_KEYS_PKCS11_PIN} in containers
   */
  public record Pkcs11Config(
      String library, long slot, int slotListIndex, String pinFile, String pin) {

    @Override
    public String toString() {
      return "Pkcs11Config[library="
          + library
          + ", slot="
          + slot
          + ", slotListIndex="
          + slotListIndex
          + ", pinFile="
          + pinFile
          + ", pin="
          + (pin == null || pin.isEmpty() ? "unset" : "set")
          + "]";
    }
  }
}
