package io.simca.ca.rootca;

import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.store.RevokedEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The issuing CA certificates the root has revoked ({@code ca revoke}), kept beside the root's
 * files as {@code ca/revoked-cas}: one line per certificate, {@code <serial hex> <reason code>
 * <epoch seconds>}. The root's CRL lists them and its OCSP responses say {@code revoked}.
 */
public final class RevokedIssuingCas {

  private RevokedIssuingCas() {}

  public static Map<BigInteger, RevokedEntry> read(DataDir dir) {
    Path f = dir.revokedIssuingCas();
    Map<BigInteger, RevokedEntry> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(f)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(f)) {
        String[] p = line.strip().split("\\s+");
        if (p.length == 3) {
          BigInteger serial = new BigInteger(p[0], 16);
          out.put(
              serial,
              new RevokedEntry(
                  serial,
                  Instant.ofEpochSecond(Long.parseLong(p[2])),
                  Integer.parseInt(p[1]),
                  null));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    return out;
  }

  /** Records {@code serial} as revoked (once; a second revocation keeps the first date). */
  public static void add(DataDir dir, BigInteger serial, int reasonCode, Instant at) {
    if (read(dir).containsKey(serial)) {
      return;
    }
    try {
      Files.writeString(
          dir.revokedIssuingCas(),
          serial.toString(16) + " " + reasonCode + " " + at.getEpochSecond() + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.revokedIssuingCas(), e);
    }
  }
}
