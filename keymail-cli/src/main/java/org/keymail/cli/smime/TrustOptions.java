package org.keymail.cli.smime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keymail.cli.CliFailure;
import org.keymail.cli.keys.CertificateFiles;
import org.keymail.cli.keys.CrlFiles;
import org.keymail.smime.verdict.CrlRevocationCheck;
import org.keymail.smime.verdict.TrustSettings;
import picocli.CommandLine.Option;

/**
 * What signatures are judged against on the command line: trust anchors ({@code --trust}), CRLs
 * ({@code --crl}) and the moment of the judgement ({@code --at}).
 */
final class TrustOptions {

  @Option(
      names = "--trust",
      paramLabel = "CA.pem",
      description =
          "Trust anchor certificates (PEM, several per file; repeatable). Without any, a correct"
              + " signature is at best VALID_UNTRUSTED.")
  private List<Path> anchorFiles = new ArrayList<>();

  @Option(
      names = "--crl",
      paramLabel = "FILE.crl",
      description =
          "Certificate revocation lists to check the signer against (PEM or DER; repeatable).")
  private List<Path> crlFiles = new ArrayList<>();

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "Judge validity at this moment instead of now, e.g. 2030-01-01T00:00:00Z.")
  private Instant at;

  TrustSettings settings() throws CliFailure {
    TrustSettings.Builder trust =
        TrustSettings.builder().anchors(CertificateFiles.readAll(anchorFiles));
    if (!crlFiles.isEmpty()) {
      trust.revocation(new CrlRevocationCheck(CrlFiles.readAll(crlFiles)));
    }
    if (at != null) {
      trust.at(at);
    }
    return trust.build();
  }
}
