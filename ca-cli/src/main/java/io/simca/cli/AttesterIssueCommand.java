package io.simca.cli;

import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import io.simca.est.codec.CsrDecoder;
import io.simca.est.codec.EstRequestException;
import io.simca.est.codec.ParsedCsr;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca attester issue}: mints a SIM attestation token binding the SIM identity to the key
 * of a CSR ({@code cnf.jkt}), as an operator's network attester would. Prints the token.
 */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = "Mint a SIM attestation token for a CSR's key.")
final class AttesterIssueCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "K",
      description = "Attester private key (PEM), e.g. <data>/attesters/<id>.key")
  Path key;

  @Option(names = "--iccid", required = true, paramLabel = "I")
  String iccid;

  @Option(names = "--imsi", required = true, paramLabel = "S")
  String imsi;

  @Option(names = "--imei", required = true, paramLabel = "E")
  String imei;

  @Option(
      names = "--csr",
      required = true,
      paramLabel = "CSR.pem",
      description = "The device's PKCS#10 request (PEM, base64 or DER)")
  Path csr;

  @Option(
      names = "--ttl",
      paramLabel = "SECONDS",
      description = "Token lifetime in seconds (default 120, at most 300)")
  long ttl = 120;

  @Option(
      names = "--kid",
      paramLabel = "ID",
      description = "Key id (default: the key file's name without extension)")
  String kid;

  @Option(names = "--issuer", paramLabel = "ISS", description = "iss claim (default: the kid)")
  String issuer;

  @Option(names = "--mccmnc", paramLabel = "MCCMNC", description = "Serving network (5-6 digits)")
  String mccmnc;

  @Option(names = "--apn", paramLabel = "APN")
  String apn;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (ttl < 1 || ttl > AttestationMinter.MAX_TTL.getSeconds()) {
      throw new CliFailure(
          "--ttl must be 1 to " + AttestationMinter.MAX_TTL.getSeconds() + " seconds");
    }
    String keyId = kid != null ? kid : baseName(key);
    PrivateKey privateKey;
    try {
      privateKey = PemKeys.readPrivateKey(key);
    } catch (IllegalArgumentException e) {
      throw new CliFailure("cannot read attester key " + key + ": " + e.getMessage());
    }
    ParsedCsr request;
    try {
      request = CsrDecoder.decode(Files.readAllBytes(csr));
    } catch (EstRequestException e) {
      throw new CliFailure("cannot use CSR " + csr + ": " + e.getMessage());
    }
    String token;
    try {
      AttestationMinter minter =
          new AttestationMinter(keyId, issuer != null ? issuer : keyId, privateKey);
      token =
          minter.mint(
              Iccid.parse(iccid),
              Imsi.parse(imsi),
              Imei.parse(imei),
              request.publicKey(),
              Duration.ofSeconds(ttl),
              Optional.ofNullable(mccmnc),
              Optional.ofNullable(apn),
              Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(token);
    out.flush();
    return 0;
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
