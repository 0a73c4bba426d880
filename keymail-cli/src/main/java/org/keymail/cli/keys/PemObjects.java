package org.keymail.cli.keys;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;
import org.keymail.cli.CliFailure;

/** Reads every PEM object of a file, turning unreadable files into a {@link CliFailure}. */
final class PemObjects {

  private PemObjects() {}

  static List<Object> read(Path file) throws CliFailure {
    List<Object> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        PEMParser parser = new PEMParser(reader)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    } catch (NoSuchFileException e) {
      throw new CliFailure("cannot read " + file + ": no such file", e);
    } catch (IOException | RuntimeException e) {
      // PEMParser reports a damaged block (bad base64, bad DER) with either kind.
      throw new CliFailure("cannot read " + file + ": damaged PEM (" + e.getMessage() + ")", e);
    }
    return objects;
  }

  static byte[] bytes(Path file) throws CliFailure {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliFailure("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
