package io.simca.attester.inventory;

/** The answer of the SIM inventory for one IMSI. */
public sealed interface SimLookup {

  /** The SIM that holds the IMSI, and its inventory status ({@code active}, {@code lost}...). */
  record Found(String iccid, String status) implements SimLookup {
    public boolean active() {
      return "active".equals(status);
    }
  }

  /** No SIM, or more than one, holds the IMSI: nothing can be attested. */
  record Unknown(String reason) implements SimLookup {}

  /** The inventory could not be asked: try again later (the device gets 503). */
  record Unavailable(String reason) implements SimLookup {}
}
