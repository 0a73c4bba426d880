package org.keymail.server.enrollment;

/**
 * A request names a template that does not exist, is disabled, or does not allow the key type asked
 * for; refused before the vault makes a key for it.
 */
public class TemplateRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public TemplateRefusedException(String message) {
    super(message);
  }
}
