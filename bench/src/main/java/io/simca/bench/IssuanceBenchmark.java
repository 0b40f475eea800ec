package io.simca.bench;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.CertificateLinter;
import io.simca.ca.pki.DeviceIdentity;
import io.simca.ca.pki.DeviceProfile;
import io.simca.ca.pki.DeviceProfileSettings;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.LintPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Device certificates built, linted and signed per second on one thread, with the provider simca
 * picks ({@code chosen}: ACCP where it loads) and with the JDK's own ({@code jdk}: SunEC), the
 * reference measured in the same run. {@code scripts/bench-jmh IssuanceBenchmark}; figures in
 * docs/PERFORMANCE.md. (Was a unit test that asserted nothing and signed ~11k certificates in every
 * build.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class IssuanceBenchmark {

  /** Which JCA providers sign: simca's choice or the JDK's. */
  @Param({"chosen", "jdk"})
  public String providers;

  private CertificateIssuer issuer;
  private DeviceProfile profile;
  private SigningKey caKey;
  private PublicKey deviceKey;
  private DeviceIdentity device;
  private Path dir;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    CryptoProviders crypto =
        "jdk".equals(providers) ? CryptoProviders.jdkOnly() : CryptoProviders.get();
    issuer = new CertificateIssuer(crypto, CertificateLinter.standard(LintPolicy.DEFAULT));
    dir = Files.createTempDirectory("simca-jmh-issuance-");
    DataDir data = new DataDir(dir.resolve("data"));
    new HierarchyInitializer().init(data, InitOptions.defaults());
    IssuingCa ca = LoadedHierarchy.load(data).byLabel("default").orElseThrow();
    caKey = ca.signingKey();
    profile =
        new DeviceProfile(
            IssuerInfo.of(ca.cert()),
            DeviceProfileSettings.defaults(URI.create("http://127.0.0.1:8080"), "default"),
            Clock.systemUTC());
    deviceKey = KeyType.EC_P256.generate(crypto).getPublic();
    device =
        DeviceIdentity.of("8944501000000000013").withTenant("acme").withImei("352099001761481");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public X509Certificate deviceCertificateBuildLintSign() {
    return issuer.issue(profile.template(device, deviceKey), caKey);
  }
}
