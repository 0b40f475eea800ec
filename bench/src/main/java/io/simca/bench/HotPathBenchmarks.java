package io.simca.bench;

import io.simca.ca.config.OcspConfig;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.ocsp.OcspAnswer;
import io.simca.ca.ocsp.OcspCache;
import io.simca.ca.ocsp.OcspPresigner;
import io.simca.ca.ocsp.OcspRequestParser;
import io.simca.ca.ocsp.OcspResponder;
import io.simca.ca.ocsp.OcspResponseSigner;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.DeviceIdentity;
import io.simca.ca.pki.DeviceProfile;
import io.simca.ca.pki.DeviceProfileSettings;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.LintPolicy;
import io.simca.ca.pki.SerialNumbers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.AttestationPolicy;
import io.simca.est.attest.AttestationVerifier;
import io.simca.est.attest.TrustedAttester;
import io.simca.est.codec.CsrDecoder;
import io.simca.est.codec.EstBase64;
import io.simca.est.codec.ParsedCsr;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request CPU work, one piece at a time: decode + verify a CSR (proof of possession),
 * verify an attestation token, build + lint + sign a device certificate, and answer an OCSP request
 * from the in-memory pre-signed responses (parse, look up among 10k, re-assemble). Run with {@code
 * scripts/bench-jmh}; figures go to docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class HotPathBenchmarks {

  private byte[] csrBody;
  private ParsedCsr csr;
  private String token;
  private AttestationVerifier verifier;
  private DeviceProfile profile;
  private CertificateIssuer issuer;
  private SigningKey caKey;
  private KeyPair deviceKey;
  private java.security.Provider verifyProvider;
  private OcspResponder responder;
  private byte[][] ocspRequests;
  private int nextOcsp;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    CryptoProviders crypto = CryptoProviders.get();
    deviceKey = KeyType.EC_P256.generate(crypto);
    var csrHolder =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), deviceKey.getPublic())
            .build(crypto.contentSigner(deviceKey.getPrivate(), "SHA256withECDSA"));
    csrBody = EstBase64.encode(csrHolder.getEncoded()).getBytes(StandardCharsets.US_ASCII);
    verifyProvider = crypto.providerFor("Signature", "SHA256withECDSA");
    csr = CsrDecoder.decode(csrBody, verifyProvider);

    KeyPair attester = AttestationMinter.generateAttesterKey();
    AttestationMinter minter = new AttestationMinter("bench", "bench", attester.getPrivate());
    // A long-lived token (max TTL) so it stays valid for the whole run; replay is the store's job.
    token =
        minter.mint(
            Iccid.parse("8944501000000000013"),
            Imsi.parse("234150000000001"),
            Imei.parse("352099001761481"),
            deviceKey.getPublic(),
            AttestationMinter.MAX_TTL);
    TrustedAttester trusted = new TrustedAttester("bench", "bench", attester.getPublic());
    verifier =
        new AttestationVerifier(
            kid -> Optional.of(trusted).filter(t -> t.kid().equals(kid)),
            new AttestationPolicy(Duration.ofSeconds(60), Duration.ofSeconds(300)),
            Clock.systemUTC(),
            verifyProvider);

    Path dir = Files.createTempDirectory("simca-jmh-");
    DataDir data = new DataDir(dir.resolve("data"));
    new HierarchyInitializer().init(data, InitOptions.defaults());
    IssuingCa ca = LoadedHierarchy.load(data).byLabel("default").orElseThrow();
    caKey = ca.signingKey();
    X509Certificate caCert = ca.cert();
    profile =
        new DeviceProfile(
            IssuerInfo.of(caCert),
            DeviceProfileSettings.defaults(URI.create("http://127.0.0.1:8080"), "default"),
            Clock.systemUTC());
    issuer = CertificateIssuer.create(LintPolicy.DEFAULT);
    setUpOcsp(LoadedHierarchy.load(data), ca);
  }

  private void setUpOcsp(LoadedHierarchy hierarchy, IssuingCa ca) throws Exception {
    OcspResponseSigner signer = new OcspResponseSigner(CryptoProviders.get());
    OcspPresigner presigner = new OcspPresigner(signer, Duration.ofHours(4));
    OcspCache cache = new OcspCache();
    int n = 10_000;
    ocspRequests = new byte[n][];
    for (int i = 0; i < n; i++) {
      BigInteger serial = SerialNumbers.next();
      cache.put(presigner.good(ca, serial, Instant.now()));
      // RFC 5019 §2.1.1: one request, SHA-1 CertID, no nonce: what the pre-signed path serves.
      ocspRequests[i] =
          new OCSPReqBuilder()
              .addRequest(signer.certId(ca.cert(), serial, false))
              .build()
              .getEncoded();
    }
    OcspConfig config =
        new OcspConfig(Duration.ofHours(4), Duration.ofHours(1), "ignore", 64 * 1024);
    // fromMemory never touches the store, so none is given.
    responder =
        new OcspResponder(
            () -> hierarchy,
            cache,
            null,
            signer,
            config,
            Clock.systemUTC(),
            // No root answers here: the benchmark asks about device certificates only.
            new io.simca.ca.ocsp.RootOcspResponses(
                Files.createTempDirectory("simca-jmh-root-ocsp"), hierarchy.root(), signer));
  }

  @Benchmark
  public ParsedCsr csrDecodeAndVerify() {
    return CsrDecoder.decode(csrBody, verifyProvider);
  }

  @Benchmark
  public Object tokenVerify() throws Exception {
    return verifier.verify(token, csr.publicKey(), Optional.of("8944501000000000013"));
  }

  @Benchmark
  public X509Certificate certificateBuildLintSign() {
    var template =
        profile.template(
            DeviceIdentity.of("8944501000000000013").withTenant("acme").withImei("352099001761481"),
            deviceKey.getPublic());
    return issuer.issue(template, caKey);
  }

  @Benchmark
  public byte[] ocspLookupPresigned() {
    byte[] request = ocspRequests[nextOcsp++ % ocspRequests.length];
    var parsed = (OcspRequestParser.Parsed) OcspRequestParser.parse(request);
    return ((OcspAnswer.Signed) responder.fromMemory(parsed).orElseThrow()).der();
  }
}
