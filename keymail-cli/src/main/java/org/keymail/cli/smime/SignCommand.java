package org.keymail.cli.smime;

import java.io.BufferedInputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.keys.CertificateFiles;
import org.keymail.cli.keys.KeyOptions;
import org.keymail.cli.keys.LoadedKey;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.sign.CertificateInclusion;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.sign.SignatureForm;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail smime sign}: signs a message file with the user's key in the vault (the MIME and
 * CMS are made here, only the signature of the signed attributes is made by the vault, in the
 * unlock session), or with a key file.
 */
@Command(
    name = "sign",
    description = {
      "Sign a message (multipart/signed by default, readable without S/MIME) with your key in the"
          + " vault, unlocking with your PassKey if needed; or with a key file (--key, --p12)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail smime sign message.eml > signed.eml",
      "  keymail smime sign --cert alice.pem --key alice-key.pem message.eml \\",
      "      > signed.eml"
    })
final class SignCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private KeyOptions keyOptions;

  @Mixin private MessageFiles files;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  @Option(
      names = "--chain",
      paramLabel = "CHAIN.pem",
      description = "CA certificates above yours, to send along (PEM, several per file).")
  private List<Path> chainFiles = new ArrayList<>();

  @Option(
      names = "--opaque",
      description =
          "Sign opaquely (application/pkcs7-mime): safe from gateways, unreadable without S/MIME.")
  private boolean opaque;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      description =
          "sha256-rsa (default for RSA), sha256-rsa-pss, sha256-ecdsa (default for ec-p256), ...")
  private String algorithm;

  @ArgGroup(exclusive = true)
  private Inclusion inclusion;

  /** Which certificates the signature carries; by default the whole chain. */
  static final class Inclusion {
    @Option(
        names = "--no-certs",
        description = "Carry no certificate (recipients must have yours).")
    private boolean none;

    @Option(
        names = "--signer-cert-only",
        description = "Carry only your certificate, not the chain.")
    private boolean signerOnly;

    CertificateInclusion choice() {
      return none
          ? CertificateInclusion.NONE
          : signerOnly ? CertificateInclusion.SIGNER_ONLY : CertificateInclusion.CHAIN;
    }
  }

  SignCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    try (BufferedInputStream message = new BufferedInputStream(files.openInput(terminal))) {
      LoadedKey key =
          keyOptions.hasKeyFile() ? keyOptions.load(terminal.environment()) : vaultKey(message);
      List<X509Certificate> chain = new ArrayList<>(key.chain());
      chain.addAll(CertificateFiles.readAll(chainFiles));
      MessageSigner.Builder signer =
          MessageSigner.builder(key.key())
              .chain(chain)
              .certificates(inclusion == null ? CertificateInclusion.CHAIN : inclusion.choice())
              .form(opaque ? SignatureForm.OPAQUE : SignatureForm.DETACHED);
      if (algorithm != null) {
        signer.algorithm(SignatureAlgorithm.fromName(algorithm));
      }
      MessageSigner built = built(signer);
      files.writeOutput(
          terminal,
          out -> {
            built.sign(message, out);
            return built.algorithm();
          });
    }
    return ExitCodes.OK;
  }

  /** The vault key of the certificate --cert names, else the best one for the message's From. */
  private LoadedKey vaultKey(BufferedInputStream message) throws Exception {
    VaultKeys vault = VaultKeys.list(VaultSession.open(server, passKeyFile, accessCodes, terminal));
    if (keyOptions.certificateChoice().isPresent()) {
      return vault.signingKey(keyOptions.certificateChoice(), "");
    }
    String from =
        VaultKeys.fromAddress(message)
            .orElseThrow(
                () ->
                    new CliFailure(
                        "the message has no single From address to choose your certificate by;"
                            + " add one, or choose the certificate with --cert"));
    return vault.signingKey(java.util.Optional.empty(), from);
  }

  private static MessageSigner built(MessageSigner.Builder signer) throws CliFailure {
    try {
      return signer.build();
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage(), e);
    }
  }
}
