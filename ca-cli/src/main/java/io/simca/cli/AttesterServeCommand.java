package io.simca.cli;

import io.simca.attester.AttesterService;
import io.simca.attester.AttesterSettings;
import io.simca.attester.inventory.AdminApiSimDirectory;
import io.simca.attester.inventory.CachingSimDirectory;
import io.simca.est.attest.PemKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca attester serve}: the network attester service (attester/ module): RADIUS accounting
 * in, key-bound SIM attestation tokens out (docs/ATTESTER.md).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the network attester: RADIUS accounting (RFC 2866) from the packet core on UDP,",
      "POST /attest for devices on the APN (token for the caller's source address)."
    })
final class AttesterServeCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "Attester key id (kid); the key is <data>/attesters/<ID>.key unless --key")
  String id;

  @Option(names = "--key", paramLabel = "K", description = "Attester private key (PEM)")
  Path key;

  @Option(names = "--issuer", paramLabel = "ISS", description = "iss claim (default: the id)")
  String issuer;

  @Option(
      names = "--radius",
      paramLabel = "HOST:PORT",
      description = "RADIUS accounting listener, UDP (default: 127.0.0.1:1813)")
  String radius = "127.0.0.1:1813";

  @Option(
      names = "--radius-secret-file",
      required = true,
      paramLabel = "FILE",
      description = "Shared secret of the packet core's accounting client (first line)")
  Path radiusSecretFile;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Token endpoint (default: 127.0.0.1:8081)")
  String listen = "127.0.0.1:8081";

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this chain")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Key of --tls-cert")
  Path tlsKey;

  @Option(
      names = "--sessions",
      paramLabel = "FILE",
      description = "Session journal (default: <data>/attester/<ID>-sessions.jsonl)")
  Path sessions;

  @Option(
      names = "--token-ttl",
      paramLabel = "SECONDS",
      description = "Token lifetime, 1-300 (default: 120)")
  long tokenTtl = AttesterSettings.DEFAULT_TOKEN_TTL.toSeconds();

  @Option(
      names = "--session-max-idle",
      paramLabel = "SECONDS",
      description =
          "A session without Acct-Interim-Interval ends after this long without an update"
              + " (default: 86400)")
  long sessionMaxIdle = AttesterSettings.DEFAULT_SESSION_MAX_IDLE.toSeconds();

  @Option(
      names = "--rate-burst",
      paramLabel = "N",
      description = "Tokens a session may take at once (default: 5)")
  int rateBurst = 5;

  @Option(
      names = "--rate-per-minute",
      paramLabel = "N",
      description = "Tokens a session may take per minute after the burst (default: 6)")
  int ratePerMinute = 6;

  @Option(
      names = "--inventory-cache",
      paramLabel = "SECONDS",
      description = "How long an IMSI -> ICCID answer is reused (default: 300)")
  long inventoryCache = 300;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new CliFailure("--tls-cert and --tls-key go together");
    }
    var dir = data.dataDir(data.loadConfig());
    Path keyFile = key != null ? key : dir.attestersDir().resolve(id + ".key");
    PrivateKey signingKey;
    try {
      signingKey = PemKeys.readPrivateKey(keyFile);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure(
          "cannot read attester key "
              + keyFile
              + " (create one with 'simca attester keygen --id "
              + id
              + "'): "
              + e.getMessage());
    }
    byte[] secret =
        new String(PassFiles.read(radiusSecretFile))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    AdminOptions.Target inventory = admin.target(data, "attester");
    AdminApiSimDirectory remote;
    try {
      char[] pass = PassFiles.read(inventory.passFile());
      remote =
          AdminApiSimDirectory.connect(
              inventory.server(), inventory.p12(), pass, inventory.rootCert());
      java.util.Arrays.fill(pass, '\0');
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage());
    }
    AttesterSettings settings;
    try {
      settings =
          new AttesterSettings(
              address("--radius", radius),
              secret,
              address("--listen", listen),
              tlsCert == null
                  ? Optional.empty()
                  : Optional.of(new AttesterSettings.Tls(tlsCert, tlsKey)),
              id,
              issuer != null ? issuer : id,
              signingKey,
              new CachingSimDirectory(
                  remote,
                  Duration.ofSeconds(inventoryCache),
                  Duration.ofSeconds(30),
                  1_000_000,
                  Clock.systemUTC()),
              sessions != null
                  ? sessions
                  : dir.root().resolve("attester").resolve(id + "-sessions.jsonl"),
              Duration.ofSeconds(tokenTtl),
              Duration.ofSeconds(sessionMaxIdle),
              rateBurst,
              ratePerMinute);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage());
    }
    AttesterService service;
    try {
      service = AttesterService.start(settings);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new CliFailure(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "simca attester %s: RADIUS accounting on udp/%s:%d, tokens on %s://%s:%d/attest%n",
        id,
        settings.radius().getHostString(),
        service.radiusPort(),
        tlsCert == null ? "http" : "https",
        settings.http().getHostString(),
        service.httpPort());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  stopped.countDown();
                },
                "simca-attester-stop"));
    stopped.await();
    return 0;
  }

  static InetSocketAddress address(String option, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException();
      }
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException e) {
      throw new CliFailure(option + " must be HOST:PORT, not " + hostPort);
    }
  }
}
