package io.simca.cli;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.hierarchy.InitResult;
import io.simca.ca.hierarchy.KeyVault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca ca init}: root (offline, P-384), issuing CA {@code default} (P-256), its OCSP
 * responder, the server TLS certificate and the first operator credential. Never prompts: without
 * {@code --root-pass-file} it generates the root passphrase (dev hierarchy) and says so.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Create the CA hierarchy in the data dir.")
final class CaInitCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--root-pass-file",
      paramLabel = "FILE",
      description =
          "File holding the root key passphrase. Without it a passphrase is generated into <data>/ca/root.pass (development only).")
  Path rootPassFile;

  @Option(
      names = "--host-name",
      paramLabel = "NAME",
      description = "Extra DNS name or IP for the server TLS certificate (repeatable).")
  List<String> hostNames = new ArrayList<>();

  @Option(
      names = "--pkcs11",
      description =
          "Generate the issuing CA and OCSP responder keys inside the PKCS#11 token that ca.keys.pkcs11 configures (needs ca.keys.provider: pkcs11).")
  boolean pkcs11;

  @Option(
      names = "--root-only",
      description =
          "Create only the root (for an offline machine): issuing CAs come from nodes' requests, 'ca issue-intermediate --csr'.")
  boolean rootOnly;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SimcaConfig cfg = data.loadConfig();
    if (rootOnly) {
      return initRootOnly(cfg);
    }
    if (pkcs11 && !cfg.ca().keys().usesToken()) {
      throw new CliFailure(
          "--pkcs11 needs ca.keys.provider: pkcs11 with ca.keys.pkcs11.library, slot and pinFile in the config (or SIMCA_CA_KEYS_PROVIDER=pkcs11 ...)");
    }
    List<String> names = new ArrayList<>(cfg.server().hostNames());
    names.addAll(hostNames);
    initialise(
        data.dataDir(cfg),
        cfg,
        rootPassFile,
        names,
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
    return 0;
  }

  static InitResult initialise(
      DataDir dir, SimcaConfig cfg, Path rootPassFile, PrintWriter out, PrintWriter err) {
    return initialise(dir, cfg, rootPassFile, cfg.server().hostNames(), out, err);
  }

  static InitResult initialise(
      DataDir dir,
      SimcaConfig cfg,
      Path rootPassFile,
      List<String> hostNames,
      PrintWriter out,
      PrintWriter err) {
    char[] pass = rootPassFile == null ? null : PassFiles.read(rootPassFile);
    KeyVault keys = KeyVault.of(cfg.ca().keys());
    InitResult r =
        new HierarchyInitializer(Clock.systemUTC(), keys)
            .init(
                dir,
                InitOptions.defaults()
                    .withRootPassphrase(pass)
                    .withHostNames(hostNames)
                    .withPublicUrl(cfg.server().effectivePublicUrl()));
    char[] rootPass =
        pass != null ? pass : io.simca.ca.crypto.KeyFiles.readPassphrase(dir.rootPassFile());
    try {
      RootCeremony.publish(dir, rootPass, out);
    } finally {
      java.util.Arrays.fill(rootPass, '\0');
    }
    out.printf("created CA hierarchy in %s (online keys: %s)%n", dir.root(), keys.describe());
    out.printf("  root CA (offline)     %s%n", dir.rootCert());
    out.printf(
        "  issuing CA '%s'   %s%n",
        HierarchyInitializer.DEFAULT_LABEL, dir.issuingCert(HierarchyInitializer.DEFAULT_LABEL));
    out.printf("  OCSP responder        %s%n", dir.ocspCert(HierarchyInitializer.DEFAULT_LABEL));
    out.printf("  server TLS            %s%n", dir.tlsCert());
    out.printf(
        "  operator credential   %s (passphrase in %s)%n",
        dir.operatorP12("admin"), dir.operatorPass("admin"));
    out.flush();
    if (r.devHierarchy()) {
      err.printf(
          "simca: WARNING development hierarchy: the root key passphrase was generated into %s. "
              + "For production run `simca ca init --root-pass-file FILE` and keep the root key offline.%n",
          dir.rootPassFile());
      err.flush();
    }
    return r;
  }

  private int initRootOnly(SimcaConfig cfg) {
    if (pkcs11 || !hostNames.isEmpty()) {
      throw new CliFailure("--root-only makes no online keys: leave out --pkcs11 and --host-name");
    }
    DataDir dir = data.dataDir(cfg);
    char[] pass = rootPassFile == null ? null : PassFiles.read(rootPassFile);
    PrintWriter out = spec.commandLine().getOut();
    new HierarchyInitializer(Clock.systemUTC())
        .initRootOnly(dir, InitOptions.defaults().withRootPassphrase(pass));
    char[] rootPass = pass != null ? pass : KeyFiles.readPassphrase(dir.rootPassFile());
    try {
      RootCeremony.publish(dir, rootPass, out);
    } finally {
      Arrays.fill(rootPass, '\0');
    }
    out.printf(
        "created the root CA in %s (%s); sign nodes' requests with"
            + " 'simca ca issue-intermediate --csr FILE --label L'%n",
        dir.root(), dir.rootCert());
    out.flush();
    if (pass == null) {
      spec.commandLine()
          .getErr()
          .printf(
              "simca: WARNING development root: its passphrase was generated into %s; an offline"
                  + " root wants --root-pass-file FILE%n",
              dir.rootPassFile());
      spec.commandLine().getErr().flush();
    }
    return 0;
  }
}
