package io.simca.cli;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.server.RunningServer;
import io.simca.ca.server.SimcaServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code simca serve}: initialise an empty data dir (dev hierarchy), then run the node until
 * SIGTERM.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Start the CA (EST, OCSP/CRL, admin API). On an empty data dir, runs `ca init` first.")
final class ServeCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SimcaConfig cfg = data.loadConfig();
    DataDir dir = data.dataDir(cfg);
    PrintWriter out = spec.commandLine().getOut();
    if (!dir.isInitialised()) {
      CaInitCommand.initialise(dir, cfg, null, out, spec.commandLine().getErr());
    }
    RunningServer server = SimcaServer.start(cfg, dir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "simca-shutdown"));
    var s = cfg.server();
    out.printf("simca is running (data: %s)%n", dir.root());
    out.printf(
        "  EST       https://%s:%d/.well-known/est/  (labels: %s)%n",
        s.est().host(),
        server.estPort(),
        String.join(
            ", ",
            server.context().hierarchy().all().stream()
                .filter(IssuingCa::active)
                .map(IssuingCa::label)
                .toList()));
    out.printf(
        "  OCSP/CRL  http://%s:%d/ocsp  http://%s:%d/crl/<label>.crl  /health  /metrics%n",
        s.http().host(), server.httpPort(), s.http().host(), server.httpPort());
    out.printf(
        "  admin     https://%s:%d/admin/v1/  (mTLS, operator credential %s)%n",
        s.admin().host(), server.adminPort(), dir.operatorP12("admin"));
    server
        .coapPort()
        .ifPresent(
            port ->
                out.printf(
                    "  EST-coaps coaps://%s:%d/.well-known/est/  (CoAP over DTLS 1.2, UDP)%n",
                    s.coap().host(), port));
    out.printf("  trust anchor %s%n", dir.rootCert());
    out.flush();
    stopped.await();
    return 0;
  }
}
