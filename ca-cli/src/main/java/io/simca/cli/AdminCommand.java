package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command answered by the admin API: the options every such command takes (data dir, node, output
 * format) and its one shape, ask the node once, then print the answer as JSON ({@code -o json}: the
 * answer as one line) or for people. Subclasses say what to ask and how it reads.
 */
abstract class AdminCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  /** Asks the node; its JSON answer. */
  abstract JsonObject request(AdminClient client);

  /** The answer for people ({@code -o text}). */
  abstract void printText(PrintWriter out, JsonObject answer);

  /** The answer for programs ({@code -o json}): one line. */
  void printJson(PrintWriter out, JsonObject answer) {
    out.println(answer.encode());
  }

  @Override
  public final Integer call() {
    JsonObject answer = request(admin.connect(data));
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      printJson(out, answer);
    } else {
      printText(out, answer);
    }
    out.flush();
    return 0;
  }

  /** An enum option as the admin API spells it ({@code null} stays absent from a query). */
  static String wire(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }
}
