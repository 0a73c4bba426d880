package org.keymail.vault.user;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.store.VaultDatabase;

/**
 * The active users people may find in the organisation's directory, looked up by a piece of their
 * address or name, a page at a time in address order. Invited and disabled users are never listed.
 * Reads committed data only: a user appears the moment they activate and goes the moment they are
 * disabled.
 */
public final class ActiveUsers {

  private final VaultDatabase database;

  public ActiveUsers(VaultDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Up to {@code limit} active users whose address or display name contains {@code text} (in any
   * case; a whole address is looked for in the form addresses are stored in), by address, starting
   * after the address {@code after} when it is given. Blank text matches everyone.
   */
  public List<User> matching(String text, Optional<String> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one user, not " + limit);
    }
    String pattern = "%" + escape(searchForm(text)) + "%";
    String sql =
        "SELECT id, email, display_name, role, status FROM users"
            + " WHERE status = 'ACTIVE'"
            + " AND (LOWER(email) LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE '\\')"
            + (after.isPresent() ? " AND email > ?" : "")
            + " ORDER BY email LIMIT ?";
    return database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 0;
            s.setString(++i, pattern);
            s.setString(++i, pattern);
            if (after.isPresent()) {
              s.setString(++i, after.get());
            }
            s.setInt(++i, limit);
            List<User> users = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                users.add(
                    new User(
                        r.getObject(1, UUID.class),
                        r.getString(2),
                        r.getString(3),
                        Role.valueOf(r.getString(4)),
                        UserStatus.valueOf(r.getString(5))));
              }
            }
            return users;
          }
        });
  }

  /**
   * What to look for: a whole address in the form addresses are stored in (an internationalised
   * domain as its A-label), any other text in lower case.
   */
  private static String searchForm(String text) {
    String query = text == null ? "" : text.strip();
    return switch (EmailAddress.read(query)) {
      case AddressReading.Usable address -> address.email().lookupKey();
      case AddressReading.Unusable notAnAddress -> query.toLowerCase(Locale.ROOT);
    };
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
