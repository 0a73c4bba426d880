package org.keymail.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;
import org.keymail.cli.CliFailure;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.WrappedContentKey;

/**
 * A key in the user's vault, as the CLI's S/MIME engine uses it: the MIME and CMS are built here,
 * on the user's computer, and only the private-key step — a signature over the signed attributes,
 * the unwrapping of a content key — goes to the server in the user's unlock session. The private
 * key never leaves the vault; the server audits each use.
 */
public final class RemoteKeyHandle implements KeyHandle {

  private final VaultSession session;
  private final UUID keyId;
  private final X509Certificate certificate;

  public RemoteKeyHandle(VaultSession session, UUID keyId, X509Certificate certificate) {
    this.session = session;
    this.keyId = keyId;
    this.certificate = certificate;
  }

  @Override
  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException {
    ObjectNode body =
        KeymailApi.object()
            .put("algorithm", algorithm.displayName())
            .put("data", Base64.getEncoder().encodeToString(toBeSigned));
    JsonNode answer = call("sign", body);
    return Base64.getDecoder().decode(answer.path("signature").asText());
  }

  @Override
  public byte[] unwrapContentKey(WrappedContentKey wrapped) throws KeyUseException {
    ObjectNode body = KeymailApi.object();
    try {
      switch (wrapped) {
        case WrappedContentKey.KeyTransport transport -> {
          body.put("kind", "key-transport");
          body.put("keyEncryptionAlgorithm", der(transport.keyEncryptionAlgorithm().getEncoded()));
          body.put("encryptedKey", der(transport.encryptedKey()));
        }
        case WrappedContentKey.KeyAgreement agreement -> {
          body.put("kind", "key-agreement");
          body.put("keyEncryptionAlgorithm", der(agreement.keyEncryptionAlgorithm().getEncoded()));
          body.put("originatorKey", der(agreement.originatorKey().getEncoded()));
          if (agreement.userKeyingMaterial() != null) {
            body.put("userKeyingMaterial", der(agreement.userKeyingMaterial()));
          }
          body.put("encryptedKey", der(agreement.encryptedKey()));
        }
      }
      body.put(
          "contentEncryptionAlgorithm", der(wrapped.contentEncryptionAlgorithm().getEncoded()));
    } catch (IOException e) {
      throw new KeyUseException("the wrapped content key does not encode: " + e.getMessage(), e);
    }
    return Base64.getDecoder().decode(call("decrypt", body).path("contentKey").asText());
  }

  private JsonNode call(String operation, ObjectNode body) throws KeyUseException {
    try {
      return session.call(api -> api.post("/api/v1/keys/" + keyId + "/" + operation, body));
    } catch (ServerRefusal | ServerUnreachableException | NotUnlockedException | CliFailure e) {
      throw new KeyUseException(e.getMessage(), e);
    }
  }

  private static String der(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "RemoteKeyHandle[vault key "
        + keyId
        + ", "
        + CertificateNames.subject(certificate)
        + "]";
  }
}
