package org.keymail.pki.template;

/**
 * A template could not be created because one of that name exists already; change that one instead.
 */
public final class TemplateExistsException extends TemplateChangeRefusedException {
  private static final long serialVersionUID = 1L;

  public TemplateExistsException(String message) {
    super(message);
  }
}
