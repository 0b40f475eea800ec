package io.simca.attester.inventory;

import java.util.concurrent.CompletableFuture;

/** IMSI -> ICCID: the one thing the attester needs from the CA's SIM inventory. */
public interface SimDirectory {

  /** Never fails: an unreachable inventory is {@link SimLookup.Unavailable}. */
  CompletableFuture<SimLookup> byImsi(String imsi);
}
