package org.keymail.cli.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sender names an attachment; the file it is saved as stays in the folder the reader chose, is
 * not hidden, holds no control character and never replaces a file.
 */
class AttachmentFilesTest {

  @TempDir Path folder;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = " -> ",
      value = {
        "plans.pdf -> plans.pdf",
        "../../.ssh/authorized_keys -> authorized_keys",
        ".. -> attachment",
        "../ -> attachment",
        "/etc/passwd -> passwd",
        "C:\\Windows\\system32\\evil.dll -> evil.dll",
        ".bashrc -> bashrc",
        "'report .txt. ' -> report .txt",
        "a<b>c:d\"e|f?g*h.txt -> a_b_c_d_e_f_g_h.txt",
        "'' -> attachment"
      })
  void namesAreMadeSafe(String sent, String saved) {
    assertThat(AttachmentFiles.safeName(sent)).isEqualTo(saved);
  }

  @Test
  void controlAndDirectionCharactersAreReplaced() {
    assertThat(AttachmentFiles.safeName("in\u001b[2Jvoice\u202Efdp.exe"))
        .isEqualTo("in_[2Jvoice_fdp.exe");
    assertThat(AttachmentFiles.safeName("x".repeat(300) + ".pdf")).hasSize(200).endsWith(".pdf");
  }

  @Test
  void savingNeverLeavesTheFolderNorReplacesAFile() throws Exception {
    AttachmentFiles files = AttachmentFiles.in(folder.resolve("downloads"));
    Files.writeString(folder.resolve("passwd"), "mine");
    Path first = files.write("../passwd", new byte[] {1, 2, 3});
    Path second = files.write("passwd", new byte[] {4});
    assertThat(first).isEqualTo(folder.resolve("downloads/passwd").toAbsolutePath());
    assertThat(second).isEqualTo(folder.resolve("downloads/passwd (2)").toAbsolutePath());
    assertThat(Files.readAllBytes(first)).containsExactly(1, 2, 3);
    assertThat(Files.readString(folder.resolve("passwd"))).isEqualTo("mine");
  }
}
