package org.keymail.bench.smime;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.keymail.smime.encrypt.ContentCipher;

/**
 * The targeted cases of {@code bench/smime-vs-openssl} measured per CPU-second of the measuring
 * thread, as {@code openssl speed} measures its limits: on a machine shared with other work, a
 * wall-clock rate (JMH's) falls with the load while openssl's does not, so the ratio would measure
 * the load. Each case runs the JMH benchmark's own set-up and method: warm-up (twice a round), then
 * three rounds, the median kept.
 *
 * <p>{@code CpuTimeRates OUT.csv [SECONDS [CASES]]} writes {@code Benchmark,Param: keyType,Param:
 * size,Param: cipher,Score} rows in JMH's CSV form, so {@code bench/report.py} reads them alike.
 * {@code CASES}, a regular expression, keeps only the cases whose line ({@code
 * "VerifyBenchmark.verify RSA_2048 KB_4 "}, as printed) it finds: for comparing one change in
 * separate JVMs while working on it.
 */
public final class CpuTimeRates {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static Pattern cases = Pattern.compile("");

  private CpuTimeRates() {}

  /** One operation of a benchmark. */
  @FunctionalInterface
  private interface Operation {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    if (args.length > 2) {
      cases = Pattern.compile(args[2]);
    }
    List<String> rows = new ArrayList<>();
    rows.add(
        "\"Benchmark\",\"Score\",\"Param: keyType\",\"Param: size\",\"Param: cipher\","
            + "\"Param: input\"");
    for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P256)) {
      VerifyBenchmark verify = new VerifyBenchmark();
      verify.keyType = type;
      verify.size = MessageSize.KB_4;
      rows.add(
          measure(
              "VerifyBenchmark.verify",
              type,
              MessageSize.KB_4,
              null,
              verify.input,
              verify::setUp,
              verify::verify,
              verify::tearDown,
              seconds));
    }
    SignBenchmark smallSign = new SignBenchmark();
    smallSign.keyType = KeyType.RSA_2048;
    smallSign.size = MessageSize.KB_4;
    rows.add(
        measure(
            "SignBenchmark.sign",
            KeyType.RSA_2048,
            MessageSize.KB_4,
            null,
            null,
            smallSign::setUp,
            smallSign::sign,
            smallSign::tearDown,
            seconds));
    for (MessageInput input : MessageInput.values()) {
      VerifyBenchmark largeVerify = new VerifyBenchmark();
      largeVerify.keyType = KeyType.RSA_2048;
      largeVerify.size = MessageSize.MB_50;
      largeVerify.input = input;
      rows.add(
          measure(
              "VerifyBenchmark.verify",
              KeyType.RSA_2048,
              MessageSize.MB_50,
              null,
              input,
              largeVerify::setUp,
              largeVerify::verify,
              largeVerify::tearDown,
              seconds));
    }
    SignBenchmark largeSign = new SignBenchmark();
    largeSign.keyType = KeyType.RSA_2048;
    largeSign.size = MessageSize.MB_50;
    rows.add(
        measure(
            "SignBenchmark.sign",
            KeyType.RSA_2048,
            MessageSize.MB_50,
            null,
            null,
            largeSign::setUp,
            largeSign::sign,
            largeSign::tearDown,
            seconds));
    for (ContentCipher cipher : List.of(ContentCipher.AES256_GCM, ContentCipher.AES256_CBC)) {
      DecryptBenchmark decrypt = new DecryptBenchmark();
      decrypt.keyType = KeyType.RSA_2048;
      decrypt.size = MessageSize.MB_50;
      decrypt.cipher = cipher;
      rows.add(
          measure(
              "DecryptBenchmark.decrypt",
              KeyType.RSA_2048,
              MessageSize.MB_50,
              cipher,
              null,
              decrypt::setUp,
              decrypt::decrypt,
              decrypt::tearDown,
              seconds));
    }
    rows.addAll(decryptFloor(seconds));
    EncryptBenchmark encrypt = new EncryptBenchmark();
    encrypt.keyType = KeyType.RSA_2048;
    encrypt.size = MessageSize.MB_50;
    encrypt.cipher = ContentCipher.AES256_GCM;
    rows.add(
        measure(
            "EncryptBenchmark.encrypt",
            KeyType.RSA_2048,
            MessageSize.MB_50,
            ContentCipher.AES256_GCM,
            null,
            encrypt::setUp,
            encrypt::encrypt,
            encrypt::tearDown,
            seconds));
    rows.removeIf(Objects::isNull);
    Files.write(out, rows);
  }

  /**
   * The least work of a 50 MB decrypt ({@link DecryptFloorBenchmark}): reading the file and
   * decoding it once, on the GCM message; reading, decoding and the cipher for each cipher.
   */
  private static List<String> decryptFloor(double seconds) throws Exception {
    List<String> rows = new ArrayList<>();
    for (ContentCipher cipher : List.of(ContentCipher.AES256_GCM, ContentCipher.AES256_CBC)) {
      DecryptFloorBenchmark floor = new DecryptFloorBenchmark();
      floor.size = MessageSize.MB_50;
      floor.cipher = cipher;
      Map<String, Operation> operations = new LinkedHashMap<>();
      if (cipher == ContentCipher.AES256_GCM) {
        operations.put("read", floor::read);
        operations.put("decode", floor::decode);
      }
      operations.put("decrypt", floor::decrypt);
      for (Map.Entry<String, Operation> operation : operations.entrySet()) {
        rows.add(
            measure(
                "DecryptFloorBenchmark." + operation.getKey(),
                KeyType.RSA_2048,
                MessageSize.MB_50,
                cipher,
                null,
                floor::setUp,
                operation.getValue(),
                floor::tearDown,
                seconds));
      }
    }
    return rows;
  }

  private static String measure(
      String name,
      KeyType type,
      MessageSize size,
      ContentCipher cipher,
      MessageInput input,
      Operation setUp,
      Operation operation,
      Operation tearDown,
      double seconds)
      throws Exception {
    String variant = cipher != null ? cipher.name() : input != null ? input.name() : "";
    String line = String.format("%s %s %s %s", name, type, size, variant);
    if (!cases.matcher(line).find()) {
      return null;
    }
    setUp.run();
    try {
      rate(operation, 2 * seconds); // warm-up: the JIT has to finish first, on a busy machine too
      double[] rates = {
        rate(operation, seconds), rate(operation, seconds), rate(operation, seconds)
      };
      Arrays.sort(rates);
      PrintStream log = System.out;
      log.printf(
          "%s %s %s %s: %.2f ops per CPU-second (rounds %s)%n",
          name, type, size, variant, rates[1], Arrays.toString(rates));
      return String.format(
          "\"org.keymail.bench.smime.%s\",%.4f,\"%s\",\"%s\",\"%s\",\"%s\"",
          name, rates[1], type, size, cipher == null ? "" : cipher, input == null ? "" : input);
    } finally {
      tearDown.run();
    }
  }

  /** Operations per CPU-second of this thread, over at least {@code seconds} of its CPU time. */
  private static double rate(Operation operation, double seconds) throws Exception {
    long start = THREADS.getCurrentThreadCpuTime();
    long until = start + (long) (seconds * 1e9);
    long count = 0;
    long now;
    do {
      operation.run();
      count++;
      now = THREADS.getCurrentThreadCpuTime();
    } while (now < until);
    return count / ((now - start) / 1e9);
  }
}
