package io.simca.ca.pki;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import java.security.PublicKey;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Prints device certificates built, linted and signed per second on one thread, with the chosen
 * provider and with the JDK's. Informational only (no timed assertion: CI machines vary).
 */
class IssuanceThroughputTest {

  @Test
  void printsDeviceCertificatesPerSecond() {
    TestCa ca = TestCa.create();
    PublicKey deviceKey = KeyType.EC_P256.generate(CryptoProviders.get()).getPublic();
    DeviceProfile profile = ca.deviceProfile(Clock.systemUTC());
    DeviceIdentity id =
        DeviceIdentity.of("8944501234567890123").withTenant("acme").withImei("490154203237518");

    CertificateIssuer fast = ca.issuer;
    CertificateIssuer jdk =
        new CertificateIssuer(
            CryptoProviders.jdkOnly(), CertificateLinter.standard(LintPolicy.DEFAULT));

    double fastRate = rate(fast, profile, id, deviceKey, ca, 2_000, 8_000);
    double jdkRate = rate(jdk, profile, id, deviceKey, ca, 200, 800);
    System.out.printf(
        "device certs built+linted+signed, 1 thread: %s %.0f/s, JDK (SunEC) %.0f/s%n",
        CryptoProviders.get().name(), fastRate, jdkRate);
  }

  private static double rate(
      CertificateIssuer issuer,
      DeviceProfile profile,
      DeviceIdentity id,
      PublicKey key,
      TestCa ca,
      int warmup,
      int n) {
    for (int i = 0; i < warmup; i++) {
      issuer.issue(profile.template(id, key), ca.issuing);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      issuer.issue(profile.template(id, key), ca.issuing);
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }
}
