package org.keymail.server.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.keymail.pki.authority.CertificateAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/directory?q=text}: the global address list, people with a valid, unrevoked
 * e-mail certificate of the organisation's CA, for encrypting to them.
 */
@RestController
@RequestMapping("/api/v1/directory")
public class DirectoryController {

  private final Directory directory;

  public DirectoryController(Directory directory) {
    this.directory = directory;
  }

  /** Someone in the directory. */
  record DirectoryEntryJson(
      String email, String displayName, List<DirectoryCertificateJson> certificates) {}

  /**
   * One of their e-mail certificates.
   *
   * @param state {@code valid}, or {@code revoked} (never to encrypt to)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DirectoryCertificateJson(
      String serial,
      Instant notAfter,
      String certificate,
      String state,
      Instant revokedAt,
      String revocationReason) {}

  @GetMapping
  List<DirectoryEntryJson> search(@RequestParam(name = "q", required = false) String query) {
    return directory.search(query).stream()
        .map(
            e ->
                new DirectoryEntryJson(
                    e.email(),
                    e.displayName(),
                    e.certificates().stream()
                        .map(
                            c ->
                                new DirectoryCertificateJson(
                                    c.serial(),
                                    c.notAfter(),
                                    CertificateAuthority.pem(c.certificate()),
                                    c.revokedAt().isPresent() ? "revoked" : "valid",
                                    c.revokedAt().orElse(null),
                                    c.revocationReason().orElse(null)))
                        .toList()))
        .toList();
  }
}
