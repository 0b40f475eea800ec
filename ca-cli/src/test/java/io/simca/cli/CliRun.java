package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** One in-process CLI invocation with captured stdout and stderr. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SimcaCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** stdout as JSON lines. */
  List<JsonObject> jsonLines() {
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  JsonObject json() {
    return new JsonObject(out.strip());
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
