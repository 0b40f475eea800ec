package io.simca.ca.store;

/**
 * Whether an issuing CA still signs ({@code ACTIVE}) or only answers for what it issued ({@code
 * RETIRED}). Stored lowercase.
 */
public enum CaStatus {
  ACTIVE,
  RETIRED
}
