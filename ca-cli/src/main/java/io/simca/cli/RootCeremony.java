package io.simca.cli;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyException;
import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.hierarchy.KeyVault;
import io.simca.ca.rootca.RootRevocationPublisher;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What every command that holds the root key does before it lets go: re-sign the root's CRL and its
 * OCSP responses about the issuing CAs, so relying parties that check the whole chain keep finding
 * them (DESIGN.md "Revocation").
 */
final class RootCeremony {

  private RootCeremony() {}

  /**
   * What a ceremony does in the data dir with the root passphrase and the configuration (the public
   * URL for new CA certificates, where new keys go).
   */
  @FunctionalInterface
  interface Step<T> {
    T run(DataDir dir, char[] rootPass, SimcaConfig cfg);
  }

  /** The hierarchy operations with new keys going where {@code ca.keys} says (files or token). */
  static HierarchyService hierarchy(SimcaConfig cfg) {
    return new HierarchyService(Clock.systemUTC(), KeyVault.of(cfg.ca().keys()));
  }

  /**
   * Reads the root passphrase, runs {@code step} with it, re-signs the root's revocation data, and
   * wipes the passphrase whatever happens.
   */
  static <T> T run(DataOptions data, RootPassOption rootPass, PrintWriter out, Step<T> step) {
    var cfg = data.loadConfig();
    DataDir dir = data.dataDir(cfg);
    char[] pass = rootPass.read(dir);
    try {
      T result = step.run(dir, pass, cfg);
      publish(dir, pass, out);
      return result;
    } finally {
      java.util.Arrays.fill(pass, '\0');
    }
  }

  static void publish(DataDir dir, char[] rootPass, PrintWriter out) {
    RootRevocationPublisher.Published p;
    try {
      p =
          new RootRevocationPublisher(CryptoProviders.get(), Clock.systemUTC())
              .publish(dir, HierarchyService.loadRoot(dir, rootPass));
    } catch (HierarchyException e) {
      throw new CliFailure(e.getMessage());
    }
    out.printf(
        "root revocation data signed: %s and %d OCSP response(s) in %s, next update %s"
            + " (copy both to every node; re-sign with 'simca ca refresh-root' before then)%n",
        dir.rootCrl(), p.issuingCas(), dir.rootOcspDir(), p.nextUpdate());
    out.flush();
  }
}
