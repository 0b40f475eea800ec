package io.simca.ca.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads {@link SimcaConfig}: built-in defaults, then the YAML file, then {@code SIMCA_<PATH>}
 * environment variables (e.g. {@code SIMCA_SERVER_EST_PORT=9443}, {@code
 * SIMCA_POLICY_REENROLL_REQUIRE_ATTESTATION=false}; lists comma-separated), then validation. Every
 * failure is a {@link ConfigException} with one line naming the key.
 */
public final class ConfigLoader {

  /** Maps whose keys are user data (attester ids, tenants), not config keys. */
  private static final Set<String> FREE_FORM_MAPS =
      Set.of("policy.attesters", "policy.tacAllowlist");

  private final ObjectMapper yaml;

  public ConfigLoader() {
    SimpleModule durations = new SimpleModule("simca-durations");
    durations.addDeserializer(
        Duration.class,
        new JsonDeserializer<>() {
          @Override
          public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
              return Durations.parse(p.getValueAsString(""));
            } catch (IllegalArgumentException e) {
              throw JsonMappingException.from(p, e.getMessage());
            }
          }
        });
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(durations)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
  }

  /** The built-in defaults alone. */
  public SimcaConfig defaults() {
    return bind(defaultsTree(), "defaults");
  }

  /**
   * Defaults, overlaid by {@code file} when it exists (a missing default file is fine), then the
   * environment.
   */
  public SimcaConfig load(Path file, boolean fileRequired, Map<String, String> env) {
    ObjectNode tree = defaultsTree();
    String source = file == null ? "defaults" : file.toString();
    if (file != null && Files.exists(file)) {
      JsonNode fromFile = readFile(file);
      if (fromFile != null && !fromFile.isNull() && !fromFile.isMissingNode()) {
        if (!fromFile.isObject()) {
          throw new ConfigException(source + ": expected a mapping of keys at the top level");
        }
        checkKeys(tree, (ObjectNode) fromFile, "", source);
        merge(tree, (ObjectNode) fromFile);
      }
    } else if (file != null && fileRequired) {
      throw new ConfigException(file + ": config file not found");
    }
    applyEnv(tree, "", env);
    SimcaConfig config = bind(tree, source);
    new ConfigValidator(source).validate(config);
    return config;
  }

  private ObjectNode defaultsTree() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
      return (ObjectNode) yaml.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("built-in defaults.yaml unreadable", e);
    }
  }

  private JsonNode readFile(Path file) {
    try {
      return yaml.readTree(file.toFile());
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new ConfigException(
          file + where + ": not valid YAML (" + firstLine(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /**
   * Rejects keys the defaults do not have, naming the full dotted path (a typo must not pass
   * silently).
   */
  private static void checkKeys(ObjectNode known, ObjectNode given, String prefix, String source) {
    for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode expected = known.get(e.getKey());
      if (expected == null) {
        throw new ConfigException(
            source + ": unknown key '" + path + "'" + suggestion(known, e.getKey()));
      }
      if (FREE_FORM_MAPS.contains(path)) {
        if (!e.getValue().isObject() && !e.getValue().isNull()) {
          throw new ConfigException(source + ": key '" + path + "' must be a mapping");
        }
        continue;
      }
      if (expected.isObject()) {
        if (e.getValue().isNull()) {
          continue;
        }
        if (!e.getValue().isObject()) {
          throw new ConfigException(
              source
                  + ": key '"
                  + path
                  + "' must be a mapping, got '"
                  + e.getValue().asText()
                  + "'");
        }
        checkKeys((ObjectNode) expected, (ObjectNode) e.getValue(), path, source);
      }
    }
  }

  private static String suggestion(ObjectNode known, String key) {
    List<String> names = new ArrayList<>();
    known.fieldNames().forEachRemaining(names::add);
    return names.stream()
        .filter(
            n ->
                n.equalsIgnoreCase(key)
                    || n.toLowerCase()
                        .startsWith(key.toLowerCase().substring(0, Math.min(3, key.length()))))
        .findFirst()
        .map(n -> " (did you mean '" + n + "'?)")
        .orElse("");
  }

  private static void merge(ObjectNode target, ObjectNode overlay) {
    overlay
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode existing = target.get(e.getKey());
              if (existing instanceof ObjectNode obj
                  && e.getValue() instanceof ObjectNode add
                  && !add.isEmpty()) {
                merge(obj, add);
              } else if (!e.getValue().isNull()) {
                target.set(e.getKey(), e.getValue());
              }
            });
  }

  /**
   * Overrides each leaf from {@code SIMCA_A_B_C}; camelCase keys match with or without underscores.
   */
  private static void applyEnv(ObjectNode node, String prefix, Map<String, String> env) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      JsonNode value = node.get(key);
      if (value.isObject() && !FREE_FORM_MAPS.contains(path)) {
        applyEnv((ObjectNode) value, path, env);
        continue;
      }
      String override = envValue(path, env);
      if (override == null) {
        continue;
      }
      if (value.isArray()) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String part : override.split(",")) {
          if (!part.isBlank()) {
            list.add(part.trim());
          }
        }
        node.set(key, list);
      } else if (!value.isObject()) {
        node.set(key, TextNode.valueOf(override));
      }
    }
  }

  private static String envValue(String path, Map<String, String> env) {
    String plain = "SIMCA_" + path.replace('.', '_').toUpperCase();
    String snake =
        "SIMCA_" + path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
    String v = env.get(snake);
    return v != null ? v : env.get(plain);
  }

  private SimcaConfig bind(JsonNode tree, String source) {
    try {
      return yaml.treeToValue(tree, SimcaConfig.class);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      throw new ConfigException(
          source + ": key '" + path + "': " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    // Jackson names Java types; operators care about the value they wrote.
    return line.replaceAll(
            "Cannot deserialize value of type `([^`]*\\.)?([^`.]+)` from", "expected $2, got")
        .replaceAll(" \\(through reference chain.*", "");
  }
}
