package org.keymail.pki.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.audit.CaAuditTrail;
import org.keymail.pki.audit.CaEvent;
import org.keymail.pki.audit.CaEvent.Outcome;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.issue.IssuedCertificate;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;
import org.keymail.pki.template.Approval;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.Templates;
import org.keymail.smime.KeyUseException;

/**
 * The certificate request flow: submit, view status, and (for administrators) list pending,
 * approve, deny. Every step is audited through {@link CaAuditTrail} in the same transaction as the
 * change: {@code CERT_REQUEST} (also when refused), {@code CERT_ISSUE}, {@code CERT_APPROVE},
 * {@code CERT_DENY}. The caller (the server) decides who is an administrator.
 */
public final class CertificateRequests {

  /** Audit operations of the request flow. */
  public static final String CERT_REQUEST = "CERT_REQUEST";

  public static final String CERT_ISSUE = "CERT_ISSUE";
  public static final String CERT_APPROVE = "CERT_APPROVE";
  public static final String CERT_DENY = "CERT_DENY";

  private static final int MAX_REASON_LENGTH = 1000;

  private final PkiDatabase database;
  private final Templates templates;
  private final CertificateAuthority authority;
  private final CertificateIssuer issuer;
  private final CaAuditTrail audit;
  private final Clock clock;

  public CertificateRequests(
      PkiDatabase database,
      Templates templates,
      CertificateAuthority authority,
      CertificateIssuer issuer,
      CaAuditTrail audit,
      Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.authority = Objects.requireNonNull(authority, "authority");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Submits {@code requester}'s PKCS#10 request {@code csrDer} for the template named {@code
   * templateName}: issued at once when the template approves automatically, else pending.
   *
   * @throws CsrRefusedException when the request breaks a rule (recorded as a DENIED {@code
   *     CERT_REQUEST} event; nothing else is stored)
   * @throws KeyUseException when the issuing CA's key cannot sign
   */
  public SubmitOutcome submit(
      Requester requester, String templateName, byte[] csrDer, String clientAddress)
      throws CsrRefusedException, KeyUseException {
    UUID id = UUID.randomUUID();
    CsrCheck.CheckedRequest checked;
    Template template;
    try {
      template =
          templates
              .find(templateName)
              .orElseThrow(
                  () ->
                      new CsrRefusedException(
                          "there is no certificate template named \"" + templateName + "\""));
      checked = CsrCheck.check(csrDer, requester, template);
    } catch (CsrRefusedException refused) {
      database.inTransaction(
          c -> {
            audit.record(
                c,
                new CaEvent(
                    requester.userId(),
                    CERT_REQUEST,
                    "template " + templateName,
                    clientAddress,
                    Outcome.DENIED,
                    refused.getMessage()));
            return null;
          });
      throw refused;
    }
    Template chosen = template;
    return database.inSigningTransaction(
        c -> {
          Instant now = clock.instant();
          insert(c, id, requester, chosen.name(), csrDer, now);
          audit.record(
              c,
              new CaEvent(
                  requester.userId(),
                  CERT_REQUEST,
                  "request " + id,
                  clientAddress,
                  Outcome.SUCCESS,
                  "template "
                      + chosen.name()
                      + ", "
                      + checked.keyType().displayName()
                      + (chosen.approval() == Approval.AUTOMATIC
                          ? ", approved automatically"
                          : ", waiting for an administrator")));
          if (chosen.approval() == Approval.ADMINISTRATOR) {
            return new SubmitOutcome.Pending(id);
          }
          IssuedCertificate issued =
              issue(c, id, requester, chosen, checked, requester.userId(), clientAddress, now);
          return new SubmitOutcome.Issued(id, issued);
        });
  }

  /**
   * The request {@code requestId} as its requester sees it.
   *
   * @throws RequestNotFoundException when there is none, or it is someone else's
   */
  public CertificateRequest status(UUID requestId, UUID requesterId)
      throws RequestNotFoundException {
    CertificateRequest request = database.read(c -> read(c, requestId));
    if (request == null || !request.requesterId().equals(requesterId)) {
      throw new RequestNotFoundException(requestId);
    }
    return request;
  }

  /** Every request waiting for an administrator, oldest first. */
  public List<CertificateRequest> pending() {
    return list(SELECT + " WHERE r.status = 'PENDING' ORDER BY r.created_at, r.id", null);
  }

  /** Every request {@code requesterId} made, whatever became of it, newest first. */
  public List<CertificateRequest> requestsOf(UUID requesterId) {
    Objects.requireNonNull(requesterId, "requesterId");
    return list(SELECT + " WHERE r.requester_id = ? ORDER BY r.created_at DESC, r.id", requesterId);
  }

  /**
   * Every request, or every one in {@code status}, newest first: the administrators' lists of all
   * requests and of issued or denied ones.
   */
  public List<CertificateRequest> all(Optional<RequestStatus> status) {
    return status.isPresent()
        ? list(SELECT + " WHERE r.status = ? ORDER BY r.created_at DESC, r.id", status.get().name())
        : list(SELECT + " ORDER BY r.created_at DESC, r.id", null);
  }

  private List<CertificateRequest> list(String sql, Object parameter) {
    return database.read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
              s.setObject(1, parameter);
            }
            List<CertificateRequest> requests = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                requests.add(read(rs));
              }
            }
            return requests;
          }
        });
  }

  /**
   * An administrator approves the pending request {@code requestId}: the certificate is issued now,
   * from the template as it stands now (so a request whose key the template no longer allows is
   * refused, and should be denied).
   *
   * @throws RequestRefusedException as {@link RequestNotFoundException} when there is no such
   *     request, {@link RequestNotPendingException} when it was issued or denied already, {@link
   *     CsrRefusedException} when the request no longer passes its checks
   */
  public IssuedCertificate approve(UUID requestId, UUID administratorId, String clientAddress)
      throws RequestRefusedException, KeyUseException {
    return database.inSigningTransaction(
        c -> {
          StoredRequest stored = lockPending(c, requestId);
          Template template =
              templates
                  .find(c, stored.templateName())
                  .orElseThrow(
                      () ->
                          new CsrRefusedException(
                              "the certificate template \""
                                  + stored.templateName()
                                  + "\" was deleted; deny the request"));
          CsrCheck.CheckedRequest checked =
              CsrCheck.check(stored.csrDer(), stored.requester(), template);
          Instant now = clock.instant();
          audit.record(
              c,
              new CaEvent(
                  administratorId,
                  CERT_APPROVE,
                  "request " + requestId,
                  clientAddress,
                  Outcome.SUCCESS,
                  "for " + stored.requester().email() + ", template " + template.name()));
          return issue(
              c,
              requestId,
              stored.requester(),
              template,
              checked,
              administratorId,
              clientAddress,
              now);
        });
  }

  /**
   * An administrator denies the pending request {@code requestId} for {@code reason}, which the
   * requester then sees.
   *
   * @throws RequestRefusedException as {@link RequestNotFoundException} or {@link
   *     RequestNotPendingException}
   * @throws IllegalArgumentException when the reason is empty or longer than 1000 characters
   */
  public CertificateRequest deny(
      UUID requestId, UUID administratorId, String reason, String clientAddress)
      throws RequestRefusedException {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("say why the request is denied: the requester sees it");
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new IllegalArgumentException(
          "the reason has " + reason.length() + " characters; at most " + MAX_REASON_LENGTH);
    }
    return database.inTransaction(
        c -> {
          StoredRequest stored = lockPending(c, requestId);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE cert_requests SET status = 'DENIED', deny_reason = ?, decided_by = ?,"
                      + " decided_at = ? WHERE id = ?")) {
            s.setString(1, reason.strip());
            s.setObject(2, administratorId);
            s.setObject(3, SqlTimes.utc(clock.instant()));
            s.setObject(4, requestId);
            s.executeUpdate();
          }
          audit.record(
              c,
              new CaEvent(
                  administratorId,
                  CERT_DENY,
                  "request " + requestId,
                  clientAddress,
                  Outcome.SUCCESS,
                  "for " + stored.requester().email() + ": " + reason.strip()));
          return read(c, requestId);
        });
  }

  private IssuedCertificate issue(
      Connection c,
      UUID requestId,
      Requester requester,
      Template template,
      CsrCheck.CheckedRequest checked,
      UUID actorId,
      String clientAddress,
      Instant now)
      throws SQLException, KeyUseException {
    IssuedCertificate issued =
        issuer.issue(c, requester.subscriber(), template, checked.publicKey(), requestId);
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE cert_requests SET status = 'ISSUED', issued_serial = ?, decided_by = ?,"
                + " decided_at = ? WHERE id = ?")) {
      s.setString(1, issued.serialHex());
      s.setObject(2, actorId);
      s.setObject(3, SqlTimes.utc(now));
      s.setObject(4, requestId);
      s.executeUpdate();
    }
    audit.record(
        c,
        new CaEvent(
            actorId,
            CERT_ISSUE,
            "serial " + issued.serialHex(),
            clientAddress,
            Outcome.SUCCESS,
            "to "
                + requester.email()
                + ", template "
                + template.name()
                + ", request "
                + requestId));
    return issued;
  }

  private record StoredRequest(Requester requester, String templateName, byte[] csrDer) {}

  private StoredRequest lockPending(Connection c, UUID requestId)
      throws SQLException, RequestNotFoundException, RequestNotPendingException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT requester_id, requester_email, requester_name, requester_upn, template_name,"
                + " csr_der, status FROM cert_requests WHERE id = ? FOR UPDATE")) {
      s.setObject(1, requestId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new RequestNotFoundException(requestId);
        }
        RequestStatus status = RequestStatus.valueOf(rs.getString(7));
        if (status != RequestStatus.PENDING) {
          throw new RequestNotPendingException(requestId, status);
        }
        return new StoredRequest(
            new Requester(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)),
            rs.getString(5),
            rs.getBytes(6));
      }
    }
  }

  private static void insert(
      Connection c, UUID id, Requester requester, String template, byte[] csr, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO cert_requests (id, requester_id, requester_email, requester_name,"
                + " requester_upn, template_name, csr_der, status, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
      s.setObject(1, id);
      s.setObject(2, requester.userId());
      s.setString(3, requester.email());
      s.setString(4, requester.displayName());
      s.setString(5, requester.upn());
      s.setString(6, template);
      s.setBytes(7, csr);
      s.setObject(8, SqlTimes.utc(now));
      s.executeUpdate();
    }
  }

  private static final String SELECT =
      "SELECT r.id, r.requester_id, r.requester_email, r.requester_name, r.template_name,"
          + " r.status, r.deny_reason, r.created_at, r.decided_at, i.serial_hex, i.der"
          + " FROM cert_requests r LEFT JOIN issued_certificates i"
          + " ON i.serial_hex = r.issued_serial";

  private CertificateRequest read(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE r.id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? read(rs) : null;
      }
    }
  }

  private CertificateRequest read(ResultSet rs) throws SQLException {
    IssuedCertificate issued = null;
    byte[] der = rs.getBytes(11);
    if (der != null) {
      var certificate = CertificateAuthority.certificate(der);
      issued =
          new IssuedCertificate(
              certificate.getSerialNumber(),
              rs.getObject(2, UUID.class),
              rs.getString(5),
              certificate,
              authority.chain());
    }
    return new CertificateRequest(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        RequestStatus.valueOf(rs.getString(6)),
        rs.getString(7),
        SqlTimes.instant(rs, 8),
        SqlTimes.instant(rs, 9),
        issued);
  }
}
