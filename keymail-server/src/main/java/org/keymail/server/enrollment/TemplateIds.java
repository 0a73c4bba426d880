package org.keymail.server.enrollment;

import java.util.Locale;

/**
 * The stable ids clients name templates by ({@code secure-email} for "Secure Email"): the
 * template's name in lower case with every run of other characters as one hyphen.
 */
public final class TemplateIds {
  private TemplateIds() {}

  /** The id of the template named {@code name}. */
  public static String of(String name) {
    String id = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return id.replaceAll("^-|-$", "");
  }
}
