package io.simca.ca.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  private final ConfigLoader loader = new ConfigLoader();

  @TempDir Path tmp;

  @Test
  void shippedConfigFile_loadsToExactlyTheBuiltInDefaults() {
    Path shipped = Path.of("..", "config", "simca.yaml");
    assertThat(shipped).exists();
    assertThat(loader.load(shipped, true, Map.of())).isEqualTo(loader.defaults());
  }

  @Test
  void defaults_matchTheDesignContract() {
    SimcaConfig c = loader.load(null, false, Map.of());
    assertThat(c.server().est().port()).isEqualTo(8443);
    assertThat(c.server().http().port()).isEqualTo(8080);
    assertThat(c.server().admin().port()).isEqualTo(9443);
    assertThat(c.server().coap())
        .isEqualTo(new CoapListenerConfig(true, "127.0.0.1", 5684, 8192, 512, 10000));
    assertThat(c.profile().validity()).isEqualTo(Duration.ofHours(24));
    assertThat(c.profile().backdate()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.policy().reenroll().requireAttestation()).isTrue();
    assertThat(c.ocsp().signNonces()).isFalse();
    assertThat(c.server().effectivePublicUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(c.store().embedded()).isTrue();
  }

  @Test
  void fileOverridesOnlyWhatItNames() throws IOException {
    Path f = write("server:\n  est: { port: 18443 }\nocsp:\n  nonce: sign\n");
    SimcaConfig c = loader.load(f, true, Map.of());
    assertThat(c.server().est().port()).isEqualTo(18443);
    assertThat(c.server().est().host()).isEqualTo("127.0.0.1");
    assertThat(c.ocsp().signNonces()).isTrue();
    assertThat(c.server().http().port()).isEqualTo(8080);
  }

  @Test
  void environmentOverridesFileAndDefaults_snakeAndPlainCamelCase() throws IOException {
    Path f = write("server:\n  est: { port: 18443 }\n");
    SimcaConfig c =
        loader.load(
            f,
            true,
            Map.of(
                "SIMCA_SERVER_EST_PORT", "28443",
                "SIMCA_POLICY_REENROLL_REQUIRE_ATTESTATION", "false",
                "SIMCA_POLICY_MAXENROLLMENTSPERHOUR", "5",
                "SIMCA_PROFILE_ALLOWED_KEYS", "EC_P256, ED25519",
                "SIMCA_STORE_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    assertThat(c.server().est().port()).isEqualTo(28443);
    assertThat(c.policy().reenroll().requireAttestation()).isFalse();
    assertThat(c.policy().maxEnrollmentsPerHour()).isEqualTo(5);
    assertThat(c.profile().allowedKeys()).containsExactly("EC_P256", "ED25519");
    assertThat(c.store().embedded()).isFalse();
  }

  @Test
  void freeFormMaps_acceptUserKeys() throws IOException {
    Path f =
        write(
            "policy:\n  attesters: { core-east: 'urn:op:east' }\n  tacAllowlist: { acme: ['35209900'] }\n");
    SimcaConfig c = loader.load(f, true, Map.of());
    assertThat(c.policy().attesters()).containsEntry("core-east", "urn:op:east");
    assertThat(c.policy().tacAllowlist()).containsEntry("acme", List.of("35209900"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      server:\\n  est: { prot: 1 }                 | unknown key 'server.est.prot'
      servr: {}                                    | unknown key 'servr'
      server:\\n  est: { port: 70000 }             | key 'server.est.port': must be 0..65535
      server:\\n  est: { port: abc }               | key 'server.est.port'
      profile:\\n  validity: forever               | key 'profile.validity'
      profile:\\n  validity: 60d                   | key 'profile.validity': must be at most 30d
      profile:\\n  allowedKeys: [DSA_1024]         | unknown key type 'DSA_1024'
      ocsp:\\n  nonce: always                      | key 'ocsp.nonce': must be 'ignore' or 'sign'
      ocsp:\\n  refreshInterval: 5h                | key 'ocsp.refreshInterval'
      policy:\\n  maxTokenLifetime: 10m            | key 'policy.maxTokenLifetime'
      policy:\\n  tacAllowlist: { acme: ['123'] }  | TACs are 8 digits
      store:\\n  url: 'jdbc:mysql://x'             | key 'store.url'
      store:\\n  h2CompactInterval: 10ms          | key 'store.h2CompactInterval': must be 0s (off) or at least 100ms
      server:\\n  coap: { blockSize: 100 }         | key 'server.coap.blockSize': must be a power of two
      server:\\n  coap: { blockSize: 2048 }        | key 'server.coap.blockSize'
      server:\\n  coap: { maxBodyBytes: 100 }      | key 'server.coap.maxBodyBytes': must be 1024..65536
      server:\\n  coap: { maxPeers: 0 }            | key 'server.coap.maxPeers'
      server:\\n  coap: { port: 70000 }            | key 'server.coap.port': must be 0..65535
      server:\\n  coap: { enabled: maybe }         | key 'server.coap.enabled'
      server: [1, 2]                               | key 'server' must be a mapping
      'server: {est: [}'                           | not valid YAML
      """)
  void badConfig_stopsWithOneLineNamingTheKey(String yaml, String expected) throws IOException {
    Path f = write(yaml.replace("\\n", "\n"));
    assertThatThrownBy(() -> loader.load(f, true, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected)
        .hasMessageStartingWith(f.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("io.simca"));
  }

  @Test
  void coapListener_turnsOffAndMovesByEnvironment() {
    SimcaConfig c =
        loader.load(
            null,
            false,
            Map.of("SIMCA_SERVER_COAP_ENABLED", "false", "SIMCA_SERVER_COAP_PORT", "15684"));
    assertThat(c.server().coap().enabled()).isFalse();
    assertThat(c.server().coap().port()).isEqualTo(15684);
  }

  @Test
  void badEnvironmentValue_namesTheKey() {
    assertThatThrownBy(() -> loader.load(null, false, Map.of("SIMCA_SERVER_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'server.http.port'");
  }

  @Test
  void missingRequiredFile_isOneLine() {
    assertThatThrownBy(() -> loader.load(tmp.resolve("nope.yaml"), true, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("config file not found");
  }

  @Test
  void durations_acceptShortAndIsoForms() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.format(Duration.ofDays(30))).isEqualTo("30d");
    assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
  }

  private Path write(String yaml) throws IOException {
    Path f = tmp.resolve("simca.yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
