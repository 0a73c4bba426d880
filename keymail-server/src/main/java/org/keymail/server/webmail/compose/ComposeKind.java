package org.keymail.server.webmail.compose;

/**
 * What the person is writing, as the compose page's heading and title say it; carried through the
 * form so that a page shown again after a problem still says it.
 */
public enum ComposeKind {
  NEW("New message"),
  REPLY("Reply"),
  REPLY_ALL("Reply all"),
  FORWARD("Forward");

  private final String heading;

  ComposeKind(String heading) {
    this.heading = heading;
  }

  /** The words the page shows. */
  public String heading() {
    return heading;
  }

  /** The kind a form says, a new message when it says none keymail knows. */
  static ComposeKind of(String name) {
    for (ComposeKind kind : values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    return NEW;
  }
}
