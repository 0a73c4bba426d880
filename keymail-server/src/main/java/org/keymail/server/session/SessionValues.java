package org.keymail.server.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.serializer.Deserializer;

/**
 * The types a browser session's values may be read back as: the JDK's own (strings, numbers, ids,
 * collections), keymail's server classes (who signed in, the attachments kept for the message being
 * written), and the two classes Spring MVC keeps a redirect's message in. Anything else in a row is
 * refused before it is built.
 */
final class SessionValues {

  static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=20;maxrefs=10000;maxbytes=1048576;java.base/*;org.keymail.server.**;"
              + "org.springframework.web.servlet.FlashMap;"
              + "org.springframework.util.LinkedMultiValueMap;"
              + "org.springframework.util.MultiValueMapAdapter;!*");

  private SessionValues() {}

  /** A reader of session values that loads classes with {@code classLoader}. */
  static Deserializer<Object> reader(ClassLoader classLoader) {
    return (InputStream in) -> {
      ObjectInputStream objects = new ConfigurableObjectInputStream(in, classLoader);
      objects.setObjectInputFilter(ALLOWED);
      try {
        return objects.readObject();
      } catch (ClassNotFoundException e) {
        throw new IOException("a browser session holds a value of an unknown type", e);
      }
    };
  }
}
