package org.keymail.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InvalidClassException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keymail.server.signin.UnlockedUser;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.web.servlet.FlashMap;

/**
 * A browser session's values come back from the database as keymail's own and the JDK's types, and
 * as Spring MVC's message for a redirect; a row holding any other type is refused before that type
 * is built.
 */
class SessionValuesTest {

  private static final SerializingConverter WRITE = new SerializingConverter();

  @Test
  void whoSignedInAndARedirectsMessageComeBack() throws Exception {
    UnlockedUser user = new UnlockedUser(UUID.randomUUID(), UUID.randomUUID());
    assertThat(read(WRITE.convert(user))).isEqualTo(user);

    FlashMap flash = new FlashMap();
    flash.put("problem", "There is no such contact; it may have been removed.");
    flash.addTargetRequestParam("folder", "INBOX");
    assertThat(read(WRITE.convert(flash))).isEqualTo(flash);
  }

  @Test
  void anyOtherTypeIsRefusedBeforeItIsBuilt() {
    LinkedCaseInsensitiveMap<String> foreign = new LinkedCaseInsensitiveMap<>();
    foreign.put("a", "b");
    byte[] row = WRITE.convert(foreign);

    assertThatThrownBy(() -> read(row))
        .isInstanceOf(InvalidClassException.class)
        .hasMessageContaining("REJECTED");
  }

  private static Object read(byte[] bytes) throws Exception {
    return SessionValues.reader(SessionValuesTest.class.getClassLoader())
        .deserialize(new ByteArrayInputStream(bytes));
  }
}
