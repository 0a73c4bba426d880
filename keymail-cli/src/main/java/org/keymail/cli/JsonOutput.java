package org.keymail.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;

/**
 * What every {@code --json} prints: the JSON document indented for a person to read, then one line
 * end, on standard output. One writer for all commands, so scripts meet the same shape everywhere
 * and {@code jq} reads every command's output alike.
 */
public final class JsonOutput {

  private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

  private JsonOutput() {}

  /** Prints {@code json} to {@code terminal}'s standard output. */
  public static void print(Terminal terminal, JsonNode json) {
    try {
      terminal.out().println(PRETTY.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      // A tree read from the server or built here always writes.
      throw new UncheckedIOException(e);
    }
    terminal.out().flush();
  }
}
