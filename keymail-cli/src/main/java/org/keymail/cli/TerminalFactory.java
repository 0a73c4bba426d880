package org.keymail.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates keymail's commands, handing the {@link Terminal} to those whose constructor takes one, so
 * commands never reach for {@code System.in}/{@code System.out} themselves.
 */
final class TerminalFactory implements IFactory {

  private final Terminal terminal;

  TerminalFactory(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withTerminal;
    try {
      withTerminal = type.getDeclaredConstructor(Terminal.class);
    } catch (NoSuchMethodException noTerminal) {
      return CommandLine.defaultFactory().create(type);
    }
    withTerminal.setAccessible(true);
    return withTerminal.newInstance(terminal);
  }
}
