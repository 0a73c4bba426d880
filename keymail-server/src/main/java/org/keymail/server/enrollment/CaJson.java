package org.keymail.server.enrollment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.request.CertificateRequest;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.Template;

/**
 * The JSON shapes of certificate templates and requests, as the REST contract fixes them for users
 * and administrators.
 */
public final class CaJson {
  private CaJson() {}

  /**
   * A certificate template.
   *
   * @param name the stable id ({@code secure-email})
   * @param displayName the name people read ({@code Secure Email})
   * @param purposes {@code EMAIL} and/or {@code LOGON}
   * @param keyTypes the allowed key types ({@code rsa-2048}, {@code ec-p256}, …); the first is the
   *     default
   * @param validityDays how long issued certificates are valid
   * @param approval {@code AUTOMATIC} or {@code ADMINISTRATOR}
   * @param enabled whether users may request it (only in the administrators' list)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TemplateJson(
      String name,
      String displayName,
      List<String> purposes,
      List<String> keyTypes,
      Integer validityDays,
      String approval,
      Boolean enabled) {

    static TemplateJson forUsers(Template t) {
      return of(t, null);
    }

    public static TemplateJson forAdministrators(Template t) {
      return of(t, t.enabled());
    }

    private static TemplateJson of(Template t, Boolean enabled) {
      List<String> purposes = new ArrayList<>();
      if (t.profile().protectsEmail()) {
        purposes.add("EMAIL");
      }
      if (t.profile().logsOn()) {
        purposes.add("LOGON");
      }
      return new TemplateJson(
          TemplateIds.of(t.name()),
          t.name(),
          purposes,
          keyTypes(t),
          t.validityDays(),
          t.approval().name(),
          enabled);
    }

    private static List<String> keyTypes(Template t) {
      return t.allowedKeys().isEmpty()
          ? List.of()
          : EnumSet.copyOf(t.allowedKeys()).stream().map(KeyType::displayName).toList();
    }
  }

  /**
   * A certificate request.
   *
   * @param requester the requester's address (only in the administrators' list)
   */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  public record RequestJson(
      String id,
      String template,
      String status,
      Instant submittedAt,
      @JsonInclude(JsonInclude.Include.ALWAYS) String reason,
      @JsonInclude(JsonInclude.Include.ALWAYS) String serial,
      @JsonInclude(JsonInclude.Include.ALWAYS) String certificate,
      boolean installed,
      Instant revokedAt,
      String revocationReason,
      String requester) {

    static RequestJson forRequester(RequestView view) {
      return of(view, null);
    }

    public static RequestJson forAdministrators(RequestView view) {
      return of(view, view.request().requesterEmail());
    }

    private static RequestJson of(RequestView view, String requester) {
      CertificateRequest r = view.request();
      return new RequestJson(
          r.id().toString(),
          TemplateIds.of(r.templateName()),
          r.status().name(),
          r.createdAt(),
          r.denyReason(),
          r.issued().map(i -> i.serialHex()).orElse(null),
          r.issued().map(i -> pem(i.certificate())).orElse(null),
          view.installed(),
          view.revoked().map(CertificateStatus.Revoked::revokedAt).orElse(null),
          view.revoked().map(revoked -> revoked.reason().label()).orElse(null),
          requester);
    }
  }

  static String pem(X509Certificate certificate) {
    return CertificateAuthority.pem(certificate);
  }
}
