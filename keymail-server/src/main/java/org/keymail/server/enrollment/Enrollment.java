package org.keymail.server.enrollment;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.SerialNumbers;
import org.keymail.pki.issue.IssuedCertificate;
import org.keymail.pki.issue.NameValues;
import org.keymail.pki.request.CertificateRequest;
import org.keymail.pki.request.CertificateRequests;
import org.keymail.pki.request.CsrRefusedException;
import org.keymail.pki.request.RequestNotFoundException;
import org.keymail.pki.request.RequestRefusedException;
import org.keymail.pki.request.RequestStatus;
import org.keymail.pki.request.Requester;
import org.keymail.pki.request.SubmitOutcome;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.Templates;
import org.keymail.server.keys.UserKeys;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.smime.KeyUseException;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.DuplicateCertificateException;
import org.keymail.vault.keys.KeyAlgorithm;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.user.User;
import org.springframework.stereotype.Service;

/**
 * "Request a certificate", the certsrv-like flow, between the vault and the CA: the vault makes the
 * key pair and a PKCS#10 request signed by it for the signed-in user (no private key ever travels),
 * the CA checks it and issues at once or holds it for an administrator, and an issued certificate
 * goes straight back into the user's vault. Requests from clients that hold their own key arrive as
 * a PKCS#10 and are never installed.
 */
@Service
public final class Enrollment {

  private final CertificateRequests requests;
  private final Templates templates;
  private final UserKeys keys;
  private final PassKeySignIn people;
  private final CertificateAuthority authority;
  private final IssuedCertificateStatus records;

  public Enrollment(
      CertificateRequests requests,
      Templates templates,
      UserKeys keys,
      PassKeySignIn people,
      CertificateAuthority authority,
      IssuedCertificateStatus records) {
    this.records = records;
    this.requests = requests;
    this.templates = templates;
    this.keys = keys;
    this.people = people;
    this.authority = authority;
  }

  /** The templates users may request now. */
  public List<Template> enabledTemplates() {
    return templates.list().stream().filter(Template::enabled).toList();
  }

  /** Every template, enabled or not (administrators). */
  public List<Template> allTemplates() {
    return templates.list();
  }

  /** The template whose id or name is {@code id}. */
  public Optional<Template> template(String id) {
    return templates.list().stream()
        .filter(t -> TemplateIds.of(t.name()).equals(id) || t.name().equals(id))
        .findFirst();
  }

  /** The key type a request gets when it names none: the template's first allowed. */
  public static KeyType defaultKeyType(Template template) {
    return EnumSet.copyOf(template.allowedKeys()).iterator().next();
  }

  /**
   * The vault makes a key of {@code keyType} (or the template's first allowed) and its PKCS#10 for
   * {@code userId}; the CA issues or holds it; an issued certificate is installed at once.
   */
  public RequestView requestWithVaultKey(
      UUID userId,
      SessionToken token,
      String templateId,
      Optional<KeyType> keyType,
      String clientAddress)
      throws VaultException,
          TemplateRefusedException,
          CsrRefusedException,
          KeyUseException,
          RequestNotFoundException {
    Template template =
        template(templateId)
            .orElseThrow(
                () ->
                    new TemplateRefusedException(
                        "There is no certificate template named \"" + templateId + "\"."));
    if (!template.enabled()) {
      throw new TemplateRefusedException(
          "The certificate template \"" + template.name() + "\" is disabled.");
    }
    KeyType type = keyType.orElseGet(() -> defaultKeyType(template));
    if (!template.allows(type)) {
      throw new TemplateRefusedException(
          "The certificate template \""
              + template.name()
              + "\" does not allow "
              + type.displayName()
              + " keys; it allows "
              + template.allowedKeysText()
              + ".");
    }
    User user = user(userId);
    UserKeys.GeneratedKey generated =
        keys.generate(
            userId, KeyAlgorithm.valueOf(type.name()), subject(user), List.of(user.email()), token);
    SubmitOutcome outcome;
    try {
      outcome =
          requests.submit(
              requester(user), template.name(), generated.request().getEncoded(), clientAddress);
    } catch (IOException e) {
      throw new IllegalStateException("the vault's certification request does not encode", e);
    }
    if (outcome instanceof SubmitOutcome.Issued issued) {
      install(userId, issued.certificate().certificate());
      return viewOf(requests.status(outcome.requestId(), userId), true);
    }
    return view(userId, requests.status(outcome.requestId(), userId));
  }

  /** A PKCS#10 from a client that holds its own key; never installed into the vault. */
  public RequestView requestWithCsr(
      UUID userId, String templateId, byte[] csrDer, String clientAddress)
      throws CsrRefusedException, KeyUseException, RequestNotFoundException, VaultException {
    String name = template(templateId).map(Template::name).orElse(templateId);
    SubmitOutcome outcome = requests.submit(requester(user(userId)), name, csrDer, clientAddress);
    return view(userId, requests.status(outcome.requestId(), userId));
  }

  /**
   * "Install this certificate": puts the issued certificate of request {@code id} into the vault.
   */
  public RequestView install(UUID userId, UUID id)
      throws RequestNotFoundException, RequestNotIssuedException, VaultException {
    CertificateRequest request = requests.status(id, userId);
    IssuedCertificate issued =
        request.issued().orElseThrow(() -> new RequestNotIssuedException(id, request.status()));
    Optional<CertificateStatus.Revoked> revoked = revocation(request);
    if (revoked.isPresent()) {
      throw new RequestNotIssuedException(
          "the certificate of request "
              + id
              + " was revoked on "
              + revoked.get().revokedAt()
              + " ("
              + revoked.get().reason().label()
              + "); it cannot be installed: request a new one");
    }
    install(userId, issued.certificate());
    return viewOf(request, true);
  }

  /** One of the user's own requests. */
  public RequestView request(UUID userId, UUID id) throws RequestNotFoundException, VaultException {
    return view(userId, requests.status(id, userId));
  }

  /** The user's requests, newest first. */
  public List<RequestView> requests(UUID userId) throws VaultException {
    Set<String> installed = installedSerials(userId);
    return requests.requestsOf(userId).stream()
        .map(request -> viewOf(request, isInstalled(request, installed)))
        .toList();
  }

  /** Every request, or those in {@code status}, newest first (administrators). */
  public List<RequestView> allRequests(Optional<RequestStatus> status) {
    List<CertificateRequest> listed =
        status.equals(Optional.of(RequestStatus.PENDING))
            // The queue as the CA keeps it (oldest first: the longest-waiting request on top).
            ? requests.pending()
            : requests.all(status);
    return listed.stream().map(r -> viewOf(r, false)).toList();
  }

  /** An administrator approves a pending request; the certificate waits for "Install". */
  public RequestView approve(UUID administratorId, UUID id, String clientAddress)
      throws RequestRefusedException, KeyUseException {
    IssuedCertificate issued = requests.approve(id, administratorId, clientAddress);
    return viewOf(requests.status(id, issued.userId()), false);
  }

  /** An administrator denies a pending request for {@code reason}, which the requester sees. */
  public RequestView deny(UUID administratorId, UUID id, String reason, String clientAddress)
      throws RequestRefusedException {
    return viewOf(requests.deny(id, administratorId, reason, clientAddress), false);
  }

  private void install(UUID userId, X509Certificate certificate) throws VaultException {
    try {
      keys.install(userId, certificate);
    } catch (DuplicateCertificateException installedAlready) {
      // "Install" twice leaves it installed once: nothing to do.
    }
  }

  private RequestView view(UUID userId, CertificateRequest request) throws VaultException {
    if (request.issued().isEmpty()) {
      return viewOf(request, false);
    }
    return viewOf(request, isInstalled(request, installedSerials(userId)));
  }

  /** The view of {@code request}, with its certificate's revocation as the CA's records say now. */
  private RequestView viewOf(CertificateRequest request, boolean installed) {
    return new RequestView(request, installed, revocation(request));
  }

  private Optional<CertificateStatus.Revoked> revocation(CertificateRequest request) {
    if (request.issued().isEmpty()) {
      return Optional.empty();
    }
    return records.status(request.issued().get().certificate().getSerialNumber())
            instanceof CertificateStatus.Revoked revoked
        ? Optional.of(revoked)
        : Optional.empty();
  }

  private boolean isInstalled(CertificateRequest request, Set<String> installed) {
    return request.issued().map(i -> installed.contains(i.serialHex())).orElse(false);
  }

  /** Serial numbers of this CA's certificates in the user's vault. */
  private Set<String> installedSerials(UUID userId) throws VaultException {
    return keys.certificates(userId).stream()
        .map(VaultCertificate::certificate)
        .filter(
            c -> c.getIssuerX500Principal().equals(authority.issuing().getSubjectX500Principal()))
        .map(X509Certificate::getSerialNumber)
        .map(SerialNumbers::hex)
        .collect(Collectors.toSet());
  }

  private User user(UUID userId) {
    return people
        .user(userId)
        .orElseThrow(() -> new IllegalStateException("the signed-in user " + userId + " is gone"));
  }

  private static Requester requester(User user) {
    return new Requester(user.id(), user.email(), user.displayName(), null);
  }

  private static X500Name subject(User user) {
    return NameValues.commonNameAndEmail(
            new X500NameBuilder(BCStyle.INSTANCE), user.displayName(), user.email())
        .build();
  }
}
