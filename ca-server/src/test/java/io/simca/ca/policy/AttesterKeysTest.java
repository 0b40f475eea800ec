package io.simca.ca.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttesterKeysTest {

  @TempDir Path tmp;

  @Test
  void find_reloadsBeforeAnsweringUnknownWhenAFolderChanged() throws Exception {
    Path data = tmp.resolve("data-attesters");
    Path config = tmp.resolve("config-attesters"); // missing folders are skipped
    AttesterKeys keys = AttesterKeys.load(List.of(data, config), Map.of("east", "urn:op:east"));
    assertThat(keys.find("east")).isEmpty();

    Files.createDirectories(config);
    PemKeys.writePublicKey(
        config.resolve("east.pem"), AttestationMinter.generateAttesterKey().getPublic());
    Thread.sleep(AttesterKeys.ON_DEMAND_GAP_NANOS / 1_000_000 + 50);
    assertThat(keys.find("east"))
        .hasValueSatisfying(a -> assertThat(a.issuer()).isEqualTo("urn:op:east"));
    assertThat(keys.reloadIfChanged()).isFalse();

    Files.delete(config.resolve("east.pem"));
    assertThat(keys.reloadIfChanged()).isTrue();
    assertThat(keys.find("east")).isEmpty();
  }

  @Test
  void aFloodOfUnknownKids_costsAFewScans_notOnePerRequest() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("flood"));
    AttesterKeys keys = AttesterKeys.load(List.of(data), Map.of());
    long before = keys.scans();
    long start = System.nanoTime();
    for (int i = 0; i < 5_000; i++) {
      assertThat(keys.find("made-up-" + i)).isEmpty();
    }
    long elapsedGaps = (System.nanoTime() - start) / AttesterKeys.ON_DEMAND_GAP_NANOS;
    // Before: one synchronized folder scan per unknown kid (5,000).
    assertThat(keys.scans() - before).isLessThanOrEqualTo(elapsedGaps + 1);
  }
}
