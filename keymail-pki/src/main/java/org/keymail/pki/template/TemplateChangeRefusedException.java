package org.keymail.pki.template;

/**
 * An administrator's change to a template was refused: the template is unknown, exists already, is
 * built in and cannot be deleted, or its settings break a rule (validity beyond 825 days for e-mail
 * certificates, no key types). The message says which.
 */
public class TemplateChangeRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public TemplateChangeRefusedException(String message) {
    super(message);
  }
}
