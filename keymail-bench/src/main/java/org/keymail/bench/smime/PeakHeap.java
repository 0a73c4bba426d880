package org.keymail.bench.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;

/**
 * Shows that a 50 MB message streams: signs, encrypts (AES-256-GCM), decrypts and verifies it once
 * through files, then prints the peak heap used, the maximum heap and the verdict. Run it with a
 * small heap ({@code -Xmx64m}): a copy of the message on the heap would not fit.
 *
 * <p>Exit status 0 when the round trip verified, 1 otherwise.
 */
public final class PeakHeap {

  private PeakHeap() {}

  public static void main(String[] args)
      throws IOException, GeneralSecurityException, SmimeException {
    MessageSize size = args.length > 0 ? MessageSize.valueOf(args[0]) : MessageSize.MB_50;
    Path scratch = MessageFiles.scratch();
    try {
      BenchIdentity alice = BenchIdentity.mint(KeyType.RSA_2048, "alice@example.org");
      BenchIdentity bob = BenchIdentity.mint(KeyType.RSA_2048, "bob@example.org");
      Path message = MessageFiles.writeMessage(scratch, size);
      Path signed = scratch.resolve("signed.eml");
      Path encrypted = scratch.resolve("encrypted.eml");
      Path read = scratch.resolve("read.eml");
      resetPeaks();

      try (InputStream in = MessageFiles.open(message);
          OutputStream out = MessageFiles.create(signed)) {
        MessageSigner.builder(alice.keyHandle()).build().sign(in, out);
      }
      try (InputStream in = MessageFiles.open(signed);
          OutputStream out = MessageFiles.create(encrypted)) {
        MessageEncryptor.builder()
            .recipient(bob.certificate())
            .senderCopy(alice.certificate())
            .cipher(ContentCipher.AES256_GCM)
            .build()
            .encrypt(in, out);
      }
      String verdict;
      try (InputStream in = MessageFiles.open(encrypted);
          ReadResult result = MessageReader.builder().key(bob.keyHandle()).build().read(in);
          OutputStream out = MessageFiles.create(read)) {
        result.writeMessage(out);
        verdict = result.verdict().map(v -> v.status().name()).orElse("NOT SIGNED");
      }

      long peak = peakHeap();
      System.out.printf(
          "message %d bytes, signed %d, encrypted %d, read back %d%n",
          Files.size(message), Files.size(signed), Files.size(encrypted), Files.size(read));
      System.out.printf(
          "peak heap used %.1f MB of max %.1f MB; verdict %s; %s%n",
          peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6, verdict, CryptoProviders.describe());
      System.exit(verdict.startsWith("VALID") ? 0 : 1);
    } finally {
      MessageFiles.delete(scratch);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  // The sum of each heap pool's peak: an upper bound on the heap in use at any one moment.
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
