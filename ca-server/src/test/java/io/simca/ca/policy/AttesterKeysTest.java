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
    assertThat(keys.find("east"))
        .hasValueSatisfying(a -> assertThat(a.issuer()).isEqualTo("urn:op:east"));
    assertThat(keys.reloadIfChanged()).isFalse();

    Files.delete(config.resolve("east.pem"));
    assertThat(keys.reloadIfChanged()).isTrue();
    assertThat(keys.find("east")).isEmpty();
  }
}
