package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keymail.cli.CliFailure;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.TemplateProfile;
import picocli.CommandLine.Option;

/**
 * The settings of a certificate template as {@code admin template create} and {@code admin template
 * set} take them, checked here (so a typing error is named before the server is asked) and turned
 * into the API's JSON. Key types are written as everywhere in keymail ({@code rsa-2048}, {@code
 * ec-p256}); a purpose is the profile's id ({@code secure-email}, {@code smartcard-logon}, {@code
 * user}).
 */
final class TemplateOptions {

  @Option(
      names = "--purpose",
      paramLabel = "PURPOSE",
      description = "What its certificates are for: secure-email, smartcard-logon or user (both).")
  String purpose;

  @Option(
      names = "--key-types",
      paramLabel = "TYPES",
      split = ",",
      description =
          "The key types it allows, comma-separated: rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384.")
  List<String> keyTypes;

  @Option(
      names = "--validity-days",
      paramLabel = "DAYS",
      description =
          "How long its certificates are valid: at most 825 days for e-mail, 1825 for logon only.")
  Integer validityDays;

  @Option(names = "--approval", paramLabel = "WHO", description = "automatic or administrator.")
  String approval;

  @Option(names = "--disabled", description = "Users may not request it (until --enabled).")
  boolean disabled;

  @Option(
      names = "--enabled",
      paramLabel = "true|false",
      arity = "0..1",
      fallbackValue = "true",
      description = "Users may request it (the default for a new template).")
  Boolean enabled;

  /** The settings given, as the API's template JSON; nothing for what was not given. */
  ObjectNode json(ObjectNode template) throws CliFailure {
    if (disabled && Boolean.TRUE.equals(enabled)) {
      throw new CliFailure("--disabled and --enabled contradict each other; give one");
    }
    if (purpose != null) {
      TemplateProfile profile =
          TemplateProfile.parse(purpose)
              .orElseThrow(
                  () ->
                      new CliFailure(
                          "unknown --purpose '"
                              + purpose
                              + "': use secure-email, smartcard-logon or user"));
      ArrayNode purposes = template.putArray("purposes");
      if (profile.protectsEmail()) {
        purposes.add("EMAIL");
      }
      if (profile.logsOn()) {
        purposes.add("LOGON");
      }
    }
    if (keyTypes != null) {
      ArrayNode types = template.putArray("keyTypes");
      for (String typed : keyTypes) {
        KeyType type =
            KeyType.parse(typed)
                .orElseThrow(
                    () ->
                        new CliFailure(
                            "unknown key type '"
                                + typed
                                + "' in --key-types: use "
                                + KeyType.allDisplayNames()));
        types.add(type.displayName());
      }
    }
    if (validityDays != null) {
      template.put("validityDays", validityDays);
    }
    if (approval != null) {
      String who = approval.strip().toLowerCase(Locale.ROOT);
      if (!Set.of("automatic", "administrator").contains(who)) {
        throw new CliFailure(
            "unknown --approval '" + approval + "': use automatic or administrator");
      }
      template.put("approval", who.toUpperCase(Locale.ROOT));
    }
    if (disabled) {
      template.put("enabled", false);
    } else if (enabled != null) {
      template.put("enabled", enabled);
    }
    return template;
  }

  /** The options of a new template that have no default. */
  void requireAllOfANewTemplate() throws CliFailure {
    java.util.List<String> missing = new java.util.ArrayList<>();
    if (purpose == null) {
      missing.add("--purpose");
    }
    if (keyTypes == null) {
      missing.add("--key-types");
    }
    if (validityDays == null) {
      missing.add("--validity-days");
    }
    if (approval == null) {
      missing.add("--approval");
    }
    if (!missing.isEmpty()) {
      String last = missing.removeLast();
      throw new CliFailure(
          "a new template needs "
              + (missing.isEmpty() ? last : String.join(", ", missing) + " and " + last)
              + " (see 'keymail admin template create --help')");
    }
  }

  /** The purpose shown for a template's {@code purposes} as the API lists them. */
  static String purposeOf(Iterable<com.fasterxml.jackson.databind.JsonNode> purposes) {
    boolean email = false;
    boolean logon = false;
    for (var p : purposes) {
      email |= "EMAIL".equals(p.asText());
      logon |= "LOGON".equals(p.asText());
    }
    if (email && logon) {
      return TemplateProfile.USER.id();
    }
    if (logon) {
      return TemplateProfile.SMARTCARD_LOGON.id();
    }
    return email ? TemplateProfile.SECURE_EMAIL.id() : "-";
  }
}
