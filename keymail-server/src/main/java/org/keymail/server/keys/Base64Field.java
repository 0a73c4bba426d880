package org.keymail.server.keys;

import java.util.Base64;
import org.keymail.server.web.BadRequestException;

/** Binary fields of the API travel as standard base64; a bad one is a 400 naming the field. */
final class Base64Field {
  private Base64Field() {}

  static byte[] decode(String field, String value) {
    if (value == null) {
      throw new BadRequestException("'" + field + "' is missing.");
    }
    try {
      return Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'" + field + "' is not base64.");
    }
  }

  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
