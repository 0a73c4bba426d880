package org.keymail.server.enrollment;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.keymail.pki.request.CsrRefusedException;
import org.keymail.pki.request.RequestNotFoundException;
import org.keymail.pki.template.KeyType;
import org.keymail.server.enrollment.CaJson.RequestJson;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockAuthentication;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.KeyUseException;
import org.keymail.vault.VaultException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/certificate-requests}: "Request a certificate" with a key the vault makes for the
 * caller (issued requests are installed at once), or with a PKCS#10 of a key the client holds;
 * "View the status of a pending certificate request"; "Install this certificate".
 */
@RestController
@RequestMapping("/api/v1/certificate-requests")
public class CertificateRequestController {

  private final Enrollment enrollment;

  public CertificateRequestController(Enrollment enrollment) {
    this.enrollment = enrollment;
  }

  /** A request with a vault-made key: the template's id and, optionally, the key type. */
  public record Submit(
      @NotBlank @Size(max = 100) String template, @Size(max = 20) String keyType) {}

  /** A request with the client's own key, as a PEM PKCS#10. */
  public record SubmitCsr(
      @NotBlank @Size(max = 100) String template, @NotBlank @Size(max = 65536) String csr) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  RequestJson submit(@Valid @RequestBody Submit submit, HttpServletRequest http)
      throws VaultException,
          TemplateRefusedException,
          CsrRefusedException,
          KeyUseException,
          RequestNotFoundException {
    UnlockAuthentication unlocked = SignedIn.current();
    return RequestJson.forRequester(
        enrollment.requestWithVaultKey(
            unlocked.getPrincipal().userId(),
            unlocked.getCredentials(),
            submit.template(),
            keyType(submit.keyType()),
            ClientAddress.of(http)));
  }

  @PostMapping("/csr")
  @ResponseStatus(HttpStatus.CREATED)
  RequestJson submitCsr(@Valid @RequestBody SubmitCsr submit, HttpServletRequest http)
      throws CsrRefusedException, KeyUseException, RequestNotFoundException, VaultException {
    return RequestJson.forRequester(
        enrollment.requestWithCsr(
            SignedIn.user().userId(),
            submit.template(),
            der(submit.csr()),
            ClientAddress.of(http)));
  }

  @GetMapping
  List<RequestJson> list() throws VaultException {
    return enrollment.requests(SignedIn.user().userId()).stream()
        .map(RequestJson::forRequester)
        .toList();
  }

  @GetMapping("/{id}")
  RequestJson one(@PathVariable("id") String id) throws RequestNotFoundException, VaultException {
    return RequestJson.forRequester(enrollment.request(SignedIn.user().userId(), requestId(id)));
  }

  @PostMapping("/{id}/install")
  RequestJson install(@PathVariable("id") String id)
      throws RequestNotFoundException, RequestNotIssuedException, VaultException {
    return RequestJson.forRequester(enrollment.install(SignedIn.user().userId(), requestId(id)));
  }

  /** A request id as the CA gives them (a UUID). */
  public static UUID requestId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      throw new BadRequestException("'" + id + "' is not a certificate request id.");
    }
  }

  private static Optional<KeyType> keyType(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        KeyType.parse(name)
            .orElseThrow(
                () ->
                    new BadRequestException(
                        "Unknown key type '"
                            + name
                            + "' (use one of: "
                            + KeyType.allDisplayNames()
                            + ").")));
  }

  /** The DER of a PEM certification request (also accepts "NEW CERTIFICATE REQUEST"). */
  private static byte[] der(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object read = parser.readObject();
      if (read instanceof PKCS10CertificationRequest request) {
        return request.getEncoded();
      }
    } catch (IOException | RuntimeException e) {
      // Falls through to the refusal below: the text is no PEM request.
    }
    throw new BadRequestException(
        "'csr' is not a PKCS#10 certificate request in PEM (-----BEGIN CERTIFICATE REQUEST-----).");
  }
}
