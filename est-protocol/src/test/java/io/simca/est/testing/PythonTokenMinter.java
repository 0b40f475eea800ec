package io.simca.est.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mints SIM attestation tokens with {@code /usr/bin/python3} and Debian's python3-cryptography,
 * never with simca code, so tests check the verifier (and the server) against an independent
 * implementation of the token format. Also produces the broken variants an attacker or a buggy
 * attester would send.
 *
 * <p>Usage: {@code PythonTokenMinter.of(attesterPrivateKey).token("kid1", iccid, imsi, imei,
 * csrPublicKey).expired().mint()}. Exported in the est-protocol test-jar for other modules'
 * integration tests; each call starts one python process (~0.1-0.3 s).
 */
public final class PythonTokenMinter {

  /** The interpreter used: Debian's, which has python3-cryptography. */
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  /** How the token is signed. */
  public enum Variant {
    /** Signed with the attester key, alg from the key (ES256/ES384/EdDSA) unless overridden. */
    NORMAL,
    /** {@code alg: none} with an empty signature. */
    ALG_NONE,
    /**
     * {@code alg: HS256} with the attester's public key PEM as HMAC secret (algorithm confusion).
     */
    HS256_WITH_PUBLIC_KEY,
    /** Correctly signed, then one bit of the signature flipped. */
    BAD_SIGNATURE
  }

  private static volatile Path script;

  private final String privateKeyPem;

  /**
   * @param privateKeyPkcs8Pem the attester private key, {@code -----BEGIN PRIVATE KEY-----}
   */
  public PythonTokenMinter(String privateKeyPkcs8Pem) {
    this.privateKeyPem = privateKeyPkcs8Pem;
  }

  /** A minter for a JCA private key (its PKCS#8 encoding is armoured here, without simca code). */
  public static PythonTokenMinter of(PrivateKey attesterKey) {
    return new PythonTokenMinter(pem("PRIVATE KEY", attesterKey.getEncoded()));
  }

  /** The RFC 7638 SHA-256 thumbprint of {@code key}, computed by python (independent of Nimbus). */
  public static String jkt(PublicKey key) {
    return runScript(
        List.of("jkt", "--csr-spki", Base64.getEncoder().encodeToString(key.getEncoded())), "");
  }

  /**
   * Starts a token for the given SIM identity bound to {@code csrKey}; {@code iss} defaults to
   * {@code kid}.
   */
  public Token token(String kid, String iccid, String imsi, String imei, PublicKey csrKey) {
    return new Token(kid, iccid, imsi, imei, csrKey);
  }

  /** A token being described; {@link #mint()} runs python. Mutable, single use. */
  public final class Token {
    private final String kid;
    private final String sub;
    private final String imsi;
    private final String imei;
    private final PublicKey csrKey;
    private String issuer;
    private String jkt;
    private String jti;
    private String alg;
    private String typ = "sim-attestation+jwt";
    private boolean omitKid;
    private long iatOffsetSeconds;
    private long ttlSeconds = 120;
    private Variant variant = Variant.NORMAL;
    private final Map<String, String> claims = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();

    private Token(String kid, String sub, String imsi, String imei, PublicKey csrKey) {
      this.kid = kid;
      this.sub = sub;
      this.imsi = imsi;
      this.imei = imei;
      this.csrKey = csrKey;
    }

    /** Sets {@code iss} (default: the kid). */
    public Token issuer(String iss) {
      this.issuer = iss;
      return this;
    }

    /** Overrides {@code cnf.jkt} (default: python's thumbprint of the CSR key). */
    public Token jkt(String value) {
      this.jkt = value;
      return this;
    }

    /** Sets {@code jti} (default: 16 random bytes, base64url). */
    public Token jti(String value) {
      this.jti = value;
      return this;
    }

    /** Overrides the header {@code alg}; the signature still uses the key's own scheme. */
    public Token alg(String value) {
      this.alg = value;
      return this;
    }

    /** Sets the header {@code typ}; null leaves it out. */
    public Token typ(String value) {
      this.typ = value;
      return this;
    }

    /** Leaves {@code kid} out of the header. */
    public Token withoutKid() {
      this.omitKid = true;
      return this;
    }

    /** Moves {@code iat} by {@code offset} from now ({@code exp} follows). */
    public Token issuedAt(Duration offset) {
      this.iatOffsetSeconds = offset.toSeconds();
      return this;
    }

    /** Sets {@code exp - iat} (default 120 s). */
    public Token ttl(Duration ttl) {
      this.ttlSeconds = ttl.toSeconds();
      return this;
    }

    /** iat 20 minutes ago, exp 18 minutes ago. */
    public Token expired() {
      return issuedAt(Duration.ofMinutes(-20));
    }

    /** iat 10 minutes in the future. */
    public Token notYetValid() {
      return issuedAt(Duration.ofMinutes(10));
    }

    /** How to sign. */
    public Token variant(Variant value) {
      this.variant = value;
      return this;
    }

    /** Sets or replaces a claim with a raw JSON value, e.g. {@code claim("exp", "\"soon\"")}. */
    public Token claim(String name, String json) {
      claims.put(name, json);
      return this;
    }

    /** Adds a raw JSON header parameter, e.g. {@code header("crit", "[\"x\"]")}. */
    public Token header(String name, String json) {
      headers.put(name, json);
      return this;
    }

    /** Leaves a claim out. */
    public Token omit(String claim) {
      omitted.add(claim);
      return this;
    }

    /** Runs python and returns the compact token. */
    public String mint() {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "mint",
                  "--csr-spki",
                  Base64.getEncoder().encodeToString(csrKey.getEncoded()),
                  "--kid",
                  kid,
                  "--sub",
                  sub,
                  "--imsi",
                  imsi,
                  "--imei",
                  imei,
                  "--iat-offset",
                  Long.toString(iatOffsetSeconds),
                  "--ttl",
                  Long.toString(ttlSeconds),
                  "--typ",
                  typ == null ? "" : typ,
                  "--variant",
                  switch (variant) {
                    case NORMAL -> "normal";
                    case ALG_NONE -> "none";
                    case HS256_WITH_PUBLIC_KEY -> "hs256";
                    case BAD_SIGNATURE -> "badsig";
                  }));
      if (issuer != null) {
        args.addAll(List.of("--iss", issuer));
      }
      if (jkt != null) {
        args.addAll(List.of("--jkt", jkt));
      }
      if (jti != null) {
        args.addAll(List.of("--jti", jti));
      }
      if (alg != null) {
        args.addAll(List.of("--alg", alg));
      }
      if (omitKid) {
        args.add("--no-kid");
      }
      claims.forEach((name, json) -> args.addAll(List.of("--claim", name + "=" + json)));
      headers.forEach((name, json) -> args.addAll(List.of("--header", name + "=" + json)));
      omitted.forEach(name -> args.addAll(List.of("--omit", name)));
      return runScript(args, privateKeyPem);
    }
  }

  private static String runScript(List<String> args, String stdin) {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
    command.addAll(args);
    Processes.Result result =
        Processes.run(null, command, stdin.getBytes(StandardCharsets.US_ASCII));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "python minter failed (" + result.exitCode() + "): " + result.stderr());
    }
    return result.stdout();
  }

  /** The script is a resource (also inside the test-jar), so it is copied to a temp file once. */
  private static Path script() {
    Path current = script;
    if (current != null) {
      return current;
    }
    synchronized (PythonTokenMinter.class) {
      if (script == null) {
        try (InputStream in = PythonTokenMinter.class.getResourceAsStream("mint_token.py")) {
          if (in == null) {
            throw new IllegalStateException("mint_token.py resource missing");
          }
          Path file = Files.createTempFile("simca-mint-token", ".py");
          file.toFile().deleteOnExit();
          Files.write(file, in.readAllBytes());
          script = file;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return script;
    }
  }

  static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
