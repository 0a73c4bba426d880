package org.keymail.server.webmail.options;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.vault.options.MailOptions;
import org.keymail.vault.options.MailOptionsStore;
import org.keymail.vault.policy.MailRule;
import org.keymail.vault.policy.Policies;
import org.keymail.vault.policy.Policy;
import org.springframework.stereotype.Service;

/**
 * What applies to the mail a user sends, their options within the organisation's policies: {@code
 * mail.sign} and {@code mail.encrypt} turn Sign and Encrypt on for users who never saved their
 * options ({@code default-on}) or for everyone, locked ({@code required}); {@code
 * mail.encryption-algorithms} limits the ciphers keymail encrypts with. Read anew for every message
 * and page, so a policy change applies at once.
 */
@Service
public class SendingRules {

  /** Why Sign is on and cannot be turned off, in a sentence for the user. */
  public static final String SIGNING_REQUIRED =
      "Your organisation requires every message to be signed, so that recipients can check it is"
          + " from you and was not changed.";

  /** Why Encrypt is on and cannot be turned off, in a sentence for the user. */
  public static final String ENCRYPTION_REQUIRED =
      "Your organisation requires every message to be encrypted, so that only its recipients and"
          + " you can read it.";

  private final MailOptionsStore store;
  private final Policies policies;

  public SendingRules(MailOptionsStore store, Policies policies) {
    this.store = store;
    this.policies = policies;
  }

  /**
   * A user's options as they apply now.
   *
   * @param options what the user saved, with Sign and Encrypt as the policies make them
   * @param signRequired Sign is on and locked, and nothing unsigned is sent
   * @param encryptRequired Encrypt is on and locked, and nothing unencrypted is sent
   * @param ciphers the ciphers keymail may encrypt with
   */
  public record Rules(
      MailOptions options,
      boolean signRequired,
      boolean encryptRequired,
      Set<ContentCipher> ciphers) {
    public Rules {
      ciphers = Set.copyOf(ciphers);
    }
  }

  /** {@code userId}'s options within the policies now. */
  public Rules of(UUID userId) {
    Optional<MailOptions> saved = store.saved(userId);
    MailOptions base = saved.orElse(MailOptions.DEFAULT);
    MailRule sign = policies.mailRule(Policy.MAIL_SIGN);
    MailRule encrypt = policies.mailRule(Policy.MAIL_ENCRYPT);
    return new Rules(
        new MailOptions(
            applied(encrypt, saved.map(MailOptions::encryptAll)),
            applied(sign, saved.map(MailOptions::signAll)),
            base.sendCertificates(),
            base.signingCertificate()),
        sign == MailRule.REQUIRED,
        encrypt == MailRule.REQUIRED,
        ciphers());
  }

  /** The ciphers keymail may encrypt with now. */
  public Set<ContentCipher> ciphers() {
    Set<ContentCipher> allowed = EnumSet.noneOf(ContentCipher.class);
    for (String name : policies.members(Policy.MAIL_ENCRYPTION_ALGORITHMS)) {
      allowed.add(
          ContentCipher.byName(name)
              .orElseThrow(() -> new IllegalStateException("no cipher is named " + name)));
    }
    return allowed;
  }

  private static boolean applied(MailRule rule, Optional<Boolean> saved) {
    return switch (rule) {
      case REQUIRED -> true;
      case DEFAULT_ON -> saved.orElse(true);
      case USER_CHOICE -> saved.orElse(false);
    };
  }
}
