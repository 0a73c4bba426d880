package org.keymail.pki.template;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keymail.pki.audit.CaAuditTrail;
import org.keymail.pki.audit.CaEvent;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;

/**
 * The certificate templates in the database: read by everyone who requests a certificate, changed
 * by administrators. Every change is a {@code TEMPLATE_CHANGE} audit event in the same transaction.
 * The caller (the server) checks that the actor is an administrator.
 */
public final class Templates {

  /** The audit operation of every template change. */
  public static final String TEMPLATE_CHANGE = "TEMPLATE_CHANGE";

  /**
   * The built-in Secure Email template as keymail ships it (the first migration inserts the same
   * row; an organisation may have edited its copy since): for issuing without a database, as {@code
   * keymail smime demo} does.
   */
  public static final Template SHIPPED_SECURE_EMAIL =
      new Template(
          "Secure Email",
          TemplateProfile.SECURE_EMAIL,
          EnumSet.allOf(KeyType.class),
          365,
          Approval.AUTOMATIC,
          true,
          true);

  private static final int MAX_NAME_LENGTH = 100;

  private final PkiDatabase database;
  private final CaAuditTrail audit;
  private final Clock clock;

  public Templates(PkiDatabase database, CaAuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every template, enabled or not, by name. */
  public List<Template> list() {
    return database.read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY name");
              ResultSet rs = s.executeQuery()) {
            List<Template> templates = new ArrayList<>();
            while (rs.next()) {
              templates.add(read(rs));
            }
            return templates;
          }
        });
  }

  /** The template named {@code name}, enabled or not. */
  public Optional<Template> find(String name) {
    return database.read(c -> find(c, name));
  }

  /** The template named {@code name}, read within {@code connection}'s transaction. */
  public Optional<Template> find(Connection connection, String name) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(SELECT + " WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Adds an administrator's template ({@link Template#builtIn()} is ignored: it is not built in).
   *
   * @throws TemplateExistsException when the name is taken
   * @throws TemplateChangeRefusedException when a setting breaks a rule
   */
  public Template create(Template template, UUID administratorId, String clientAddress)
      throws TemplateChangeRefusedException {
    Template created =
        new Template(
            template.name(),
            template.profile(),
            template.allowedKeys(),
            template.validityDays(),
            template.approval(),
            template.enabled(),
            false);
    validate(created);
    return database.inTransaction(
        c -> {
          if (find(c, created.name()).isPresent()) {
            throw new TemplateExistsException(
                "a certificate template named \"" + created.name() + "\" exists already");
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO cert_templates (name, profile, key_types, validity_days, approval,"
                      + " enabled, built_in, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, created.name());
            s.setString(2, created.profile().name());
            s.setString(3, keyTypes(created.allowedKeys()));
            s.setInt(4, created.validityDays());
            s.setString(5, created.approval().name());
            s.setBoolean(6, created.enabled());
            s.setBoolean(7, false);
            s.setObject(8, SqlTimes.utc(clock.instant()));
            s.executeUpdate();
          }
          record(c, administratorId, clientAddress, created, "created: " + describe(created));
          return created;
        });
  }

  /**
   * Replaces the settings of the template with {@code template}'s name. A built-in template keeps
   * its profile (what "Secure Email" means does not change); an administrator's may change it.
   *
   * @throws TemplateChangeRefusedException when there is no such template or a setting breaks a
   *     rule
   */
  public Template update(Template template, UUID administratorId, String clientAddress)
      throws TemplateChangeRefusedException {
    validate(template);
    return database.inTransaction(
        c -> {
          Template stored = require(c, template.name());
          if (stored.builtIn() && stored.profile() != template.profile()) {
            throw new TemplateChangeRefusedException(
                "the built-in template \""
                    + stored.name()
                    + "\" keeps its purpose "
                    + stored.profile().id()
                    + "; create a new template for "
                    + template.profile().id());
          }
          Template updated =
              new Template(
                  stored.name(),
                  template.profile(),
                  template.allowedKeys(),
                  template.validityDays(),
                  template.approval(),
                  template.enabled(),
                  stored.builtIn());
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE cert_templates SET profile = ?, key_types = ?, validity_days = ?,"
                      + " approval = ?, enabled = ?, updated_at = ? WHERE name = ?")) {
            s.setString(1, updated.profile().name());
            s.setString(2, keyTypes(updated.allowedKeys()));
            s.setInt(3, updated.validityDays());
            s.setString(4, updated.approval().name());
            s.setBoolean(5, updated.enabled());
            s.setObject(6, SqlTimes.utc(clock.instant()));
            s.setString(7, updated.name());
            s.executeUpdate();
          }
          record(c, administratorId, clientAddress, updated, "updated: " + describe(updated));
          return updated;
        });
  }

  /**
   * Stops new requests for the template named {@code name}; issued certificates stay valid.
   *
   * @throws TemplateChangeRefusedException when there is no such template
   */
  public Template disable(String name, UUID administratorId, String clientAddress)
      throws TemplateChangeRefusedException {
    Template stored = find(name).orElseThrow(() -> unknown(name));
    return update(stored.disable(), administratorId, clientAddress);
  }

  /**
   * Deletes the administrator's template named {@code name}; issued certificates and past requests
   * keep its name.
   *
   * @throws TemplateChangeRefusedException when there is no such template or it is built in
   */
  public void delete(String name, UUID administratorId, String clientAddress)
      throws TemplateChangeRefusedException {
    database.inTransaction(
        c -> {
          Template stored = require(c, name);
          if (stored.builtIn()) {
            throw new TemplateChangeRefusedException(
                "the built-in template \"" + name + "\" can be edited or disabled, not deleted");
          }
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM cert_templates WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
          }
          record(c, administratorId, clientAddress, stored, "deleted");
          return null;
        });
  }

  private static final String SELECT =
      "SELECT name, profile, key_types, validity_days, approval, enabled, built_in"
          + " FROM cert_templates";

  private static Template read(ResultSet rs) throws SQLException {
    Set<KeyType> keys = EnumSet.noneOf(KeyType.class);
    Arrays.stream(rs.getString(3).split(","))
        .map(String::strip)
        .filter(k -> !k.isEmpty())
        .map(KeyType::valueOf)
        .forEach(keys::add);
    return new Template(
        rs.getString(1),
        TemplateProfile.valueOf(rs.getString(2)),
        keys,
        rs.getInt(4),
        Approval.valueOf(rs.getString(5)),
        rs.getBoolean(6),
        rs.getBoolean(7));
  }

  private Template require(Connection c, String name)
      throws SQLException, TemplateChangeRefusedException {
    return find(c, name).orElseThrow(() -> unknown(name));
  }

  private static TemplateChangeRefusedException unknown(String name) {
    return new TemplateChangeRefusedException(
        "there is no certificate template named \"" + name + "\"");
  }

  private static void validate(Template t) throws TemplateChangeRefusedException {
    if (t.name().isBlank() || !t.name().equals(t.name().strip())) {
      throw new TemplateChangeRefusedException(
          "a template's name must not be empty or start or end with spaces");
    }
    if (t.name().length() > MAX_NAME_LENGTH) {
      throw new TemplateChangeRefusedException(
          "a template's name has at most " + MAX_NAME_LENGTH + " characters");
    }
    if (t.name().contains(",")) {
      throw new TemplateChangeRefusedException("a template's name must not contain a comma");
    }
    if (t.allowedKeys().isEmpty()) {
      throw new TemplateChangeRefusedException(
          "the template \""
              + t.name()
              + "\" allows no key type; allow at least one of "
              + KeyType.allDisplayNames());
    }
    int max = t.profile().maxValidityDays();
    if (t.validityDays() < 1 || t.validityDays() > max) {
      throw new TemplateChangeRefusedException(
          "the template \""
              + t.name()
              + "\" gives "
              + t.validityDays()
              + " days; "
              + (t.profile().protectsEmail()
                  ? "e-mail certificates are valid for 1 to "
                      + max
                      + " days (S/MIME Baseline Requirements)"
                  : "logon certificates are valid for 1 to " + max + " days"));
    }
  }

  private static String keyTypes(Set<KeyType> keys) {
    return EnumSet.copyOf(keys).stream().map(Enum::name).collect(Collectors.joining(","));
  }

  private static String describe(Template t) {
    return t.profile().id()
        + ", keys "
        + t.allowedKeysText()
        + ", "
        + t.validityDays()
        + " days, "
        + t.approval()
        + " approval, "
        + (t.enabled() ? "enabled" : "disabled");
  }

  private void record(
      Connection c, UUID administratorId, String clientAddress, Template t, String detail)
      throws SQLException {
    audit.record(
        c,
        new CaEvent(
            administratorId,
            TEMPLATE_CHANGE,
            "template " + t.name(),
            clientAddress,
            CaEvent.Outcome.SUCCESS,
            detail));
  }
}
