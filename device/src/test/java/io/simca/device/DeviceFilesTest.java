package io.simca.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceFilesTest {

  @TempDir Path dir;

  @Test
  void renewal_fallsAtTwoThirdsOfTheLifetime_withinFivePercent() throws Exception {
    Instant from = Instant.parse("2026-12-04T00:00:00Z");
    X509Certificate cert = selfSigned(Keys.newP256(), from, Duration.ofHours(24));
    SplittableRandom random = new SplittableRandom(7);
    Instant earliest = Instant.MAX;
    Instant latest = Instant.MIN;
    for (int i = 0; i < 2_000; i++) {
      Instant at = RenewalSchedule.renewAt(cert, random);
      earliest = at.isBefore(earliest) ? at : earliest;
      latest = at.isAfter(latest) ? at : latest;
    }
    Instant twoThirds = from.plus(Duration.ofHours(16));
    Duration fivePercent = Duration.ofMinutes(72);
    assertThat(earliest)
        .isBetween(twoThirds.minus(fivePercent), twoThirds.minus(Duration.ofMinutes(60)));
    assertThat(latest)
        .isBetween(twoThirds.plus(Duration.ofMinutes(60)), twoThirds.plus(fivePercent));
  }

  @Test
  void retries_doubleFromOneMinuteUpToThirty() {
    assertThat(RenewalSchedule.retryAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(RenewalSchedule.retryAfter(3)).isEqualTo(Duration.ofMinutes(4));
    assertThat(RenewalSchedule.retryAfter(20)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void credentials_roundTrip_keyIs0600_andAForeignKeyIsRefused() throws Exception {
    KeyPair key = Keys.newP256();
    X509Certificate cert = selfSigned(key, Instant.now(), Duration.ofHours(24));
    new DeviceCredentials(key.getPrivate(), List.of(cert)).save(dir);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("device.key"))))
        .isEqualTo("rw-------");
    assertThat(DeviceCredentials.load(dir).certificate()).isEqualTo(cert);

    // A crash between the two renames leaves a new key beside the old certificate.
    KeyPair other = Keys.newP256();
    X509Certificate otherCert = selfSigned(other, Instant.now(), Duration.ofHours(24));
    Path elsewhere = Files.createDirectory(dir.resolve("other"));
    new DeviceCredentials(other.getPrivate(), List.of(otherCert)).save(elsewhere);
    Files.copy(
        elsewhere.resolve("device.key"),
        dir.resolve("device.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> DeviceCredentials.load(dir))
        .isInstanceOf(DeviceFailure.class)
        .hasMessageContaining("is not the key of");
  }

  @Test
  void agentSettings_roundTrip_andAMissingFileSaysEnrolFirst() throws Exception {
    AgentConfig config =
        new AgentConfig(
            URI.create("http://10.0.0.1:8081"),
            URI.create("https://ca:8443/.well-known/est"),
            dir.resolve("root.pem"),
            Optional.of(AgentConfig.literalAddress("127.0.0.23")));
    config.save(dir);
    assertThat(AgentConfig.load(dir)).isEqualTo(config.withTrust(config.trust().toAbsolutePath()));
    assertThatThrownBy(() -> AgentConfig.load(dir.resolve("none")))
        .isInstanceOf(DeviceFailure.class)
        .hasMessageContaining("enrol first");
    assertThatThrownBy(() -> AgentConfig.literalAddress("gateway.example"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static X509Certificate selfSigned(KeyPair key, Instant from, Duration lifetime)
      throws Exception {
    X500Name name = new X500Name("CN=8944501000000000013");
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(from),
                    Date.from(from.plus(lifetime)),
                    name,
                    key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }
}
