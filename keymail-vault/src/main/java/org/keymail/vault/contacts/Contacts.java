package org.keymail.vault.contacts;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.store.VaultDatabase;

/**
 * The contacts of every user, in table {@code contacts}: one row per user, address and certificate.
 * Keeping a certificate again updates its row (name, capabilities, time) only when one of them
 * changed (no name given keeps the name known); a certificate the user added stays "added" when it
 * is later collected again. Safe for use by several threads.
 */
public final class Contacts {

  /** The longest display name kept; longer names are cut. */
  static final int MAX_NAME = 254;

  private final VaultDatabase database;
  private final Clock clock;

  public Contacts(VaultDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Keeps {@code certificate} for {@code address} among {@code userId}'s contacts.
   *
   * @param displayName the name to show; blank keeps the name already known (the address for a new
   *     contact)
   * @param capabilities the DER of the SMIMECapabilities the signature announced, when it did
   * @return the contact as it now stands
   */
  public Contact keep(
      UUID userId,
      EmailAddress address,
      String displayName,
      X509Certificate certificate,
      Optional<byte[]> capabilities,
      ContactSource source) {
    byte[] der = der(certificate);
    byte[] fingerprint = CertificateFingerprint.sha256(certificate);
    String name = name(displayName, address);
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          Optional<Contact> existing = find(c, userId, address, fingerprint);
          if (existing.isPresent()) {
            ContactSource kept =
                existing.get().source() == ContactSource.ADDED ? ContactSource.ADDED : source;
            String shown = isBlank(displayName) ? existing.get().displayName() : name;
            if (unchanged(existing.get(), shown, capabilities, kept)) {
              return existing.get();
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE contacts SET display_name = ?, capabilities = COALESCE(?, capabilities),"
                        + " source = ?, updated_at = ? WHERE id = ?")) {
              s.setString(1, shown);
              s.setBytes(2, capabilities.orElse(null));
              s.setString(3, kept.word());
              s.setTimestamp(4, Timestamp.from(now));
              s.setObject(5, existing.get().id());
              s.executeUpdate();
            }
          } else {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO contacts (id, user_id, address, display_name, certificate,"
                        + " fingerprint, capabilities, source, added_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              s.setObject(1, UUID.randomUUID());
              s.setObject(2, userId);
              s.setString(3, address.ascii());
              s.setString(4, name);
              s.setBytes(5, der);
              s.setBytes(6, fingerprint);
              s.setBytes(7, capabilities.orElse(null));
              s.setString(8, source.word());
              s.setTimestamp(9, Timestamp.from(now));
              s.setTimestamp(10, Timestamp.from(now));
              s.executeUpdate();
            }
          }
          return find(c, userId, address, fingerprint).orElseThrow();
        });
  }

  /** Every contact of {@code userId}, by address, newest certificate first. */
  public List<Contact> list(UUID userId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT * FROM contacts WHERE user_id = ? ORDER BY address, updated_at DESC")) {
            s.setObject(1, userId);
            return rows(s);
          }
        });
  }

  /** The contacts of {@code userId} for {@code address}. */
  public List<Contact> of(UUID userId, EmailAddress address) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT * FROM contacts WHERE user_id = ? AND address = ?"
                      + " ORDER BY updated_at DESC")) {
            s.setObject(1, userId);
            s.setString(2, address.ascii());
            return rows(s);
          }
        });
  }

  /** Contact {@code id} of {@code userId}; empty when the user has none of that id. */
  public Optional<Contact> get(UUID userId, UUID id) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT * FROM contacts WHERE user_id = ? AND id = ?")) {
            s.setObject(1, userId);
            s.setObject(2, id);
            return rows(s).stream().findFirst();
          }
        });
  }

  /** Removes contact {@code id} of {@code userId}; whether there was one. */
  public boolean remove(UUID userId, UUID id) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM contacts WHERE user_id = ? AND id = ?")) {
            s.setObject(1, userId);
            s.setObject(2, id);
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Whether keeping the contact again would change nothing: every signed message a user opens is
   * kept, and most come from people already kept exactly so.
   */
  private static boolean unchanged(
      Contact existing, String name, Optional<byte[]> capabilities, ContactSource source) {
    return existing.displayName().equals(name)
        && existing.source() == source
        && (capabilities.isEmpty()
            || existing
                .capabilities()
                .filter(c -> Arrays.equals(c, capabilities.get()))
                .isPresent());
  }

  private static Optional<Contact> find(
      Connection c, UUID userId, EmailAddress address, byte[] fingerprint) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT * FROM contacts WHERE user_id = ? AND address = ? AND fingerprint = ?")) {
      s.setObject(1, userId);
      s.setString(2, address.ascii());
      s.setBytes(3, fingerprint);
      return rows(s).stream().findFirst();
    }
  }

  private static List<Contact> rows(PreparedStatement s) throws SQLException {
    List<Contact> contacts = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        contacts.add(
            new Contact(
                r.getObject("id", UUID.class),
                r.getObject("user_id", UUID.class),
                EmailAddress.parse(r.getString("address")),
                r.getString("display_name"),
                certificate(r.getBytes("certificate")),
                Optional.ofNullable(r.getBytes("capabilities")),
                ContactSource.of(r.getString("source")),
                r.getTimestamp("added_at").toInstant(),
                r.getTimestamp("updated_at").toInstant()));
      }
    }
    return contacts;
  }

  private static boolean isBlank(String displayName) {
    return displayName == null || displayName.isBlank();
  }

  private static String name(String displayName, EmailAddress address) {
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty()) {
      name = address.ascii();
    }
    return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    }
  }

  private static X509Certificate certificate(byte[] der) throws SQLException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new SQLException("a stored contact certificate cannot be read", e);
    }
  }
}
