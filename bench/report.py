#!/usr/bin/env python3
"""Prints the keymail-vs-openssl table from the files bench/smime-vs-openssl wrote.

Usage: report.py <results-dir>. Reads openssl-*.txt (openssl speed -mr), jmh-*.csv, cpu-rates.csv,
openssl-cms.txt (CPU seconds of openssl cms per message) and peak-heap.txt; prints measured
figures only.
"""
import csv
import glob
import os
import re
import sys

SIZES = {"KB_4": 4 * 1024, "MB_1": 1024 * 1024, "MB_50": 50 * 1024 * 1024}
KEYS = {"RSA_2048": ("rsa", 2048), "RSA_3072": ("rsa", 3072), "EC_P256": ("ecdsa", 256)}


def openssl(results):
    """{('rsa', 2048): (sign/s, verify/s), ..., 'aes': B/s, 'cbc': B/s (decrypt), 'sha': B/s}"""
    limits = {}
    with open(os.path.join(results, "openssl-pk.txt")) as f:
        for line in f:
            m = re.match(r"\+F2:\d+:(\d+):([\d.]+):([\d.]+)", line)
            if m:
                limits[("rsa", int(m[1]))] = (float(m[2]), float(m[3]))
            m = re.match(r"\+F4:\d+:(\d+):([\d.]+):([\d.]+)", line)
            if m:
                limits[("ecdsa", int(m[1]))] = (float(m[2]), float(m[3]))
    for name in ("aes", "cbc", "sha"):
        path = os.path.join(results, f"openssl-{name}.txt")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for line in f:
                m = re.match(r"\+F:\d+:[^:]+:([\d.]+)", line)
                if m:
                    limits[name] = float(m[1])
    return limits


def jmh(results, pattern="jmh-*.csv"):
    """{(benchmark, keyType, size, cipher): ops/s}"""
    scores = {}
    for path in glob.glob(os.path.join(results, pattern)):
        with open(path) as f:
            for row in csv.DictReader(f):
                cls, method = row["Benchmark"].rsplit(".", 2)[-2:]
                bench = cls.replace("Benchmark", "")
                if bench == "PrivateKey" and method != "sign" or bench == "DecryptFloor":
                    bench += "." + method
                if row.get("Param: input") == "STREAM":
                    bench += ".stream"  # read once and spooled; FILE (read again) is the case
                key = (bench, row.get("Param: keyType", ""), row.get("Param: size", ""),
                       row.get("Param: cipher", ""))
                scores[key] = (float(row["Score"]), float(row.get("Score Error (99.9%)") or "nan"))
    return scores


def fmt_rate(ops, size):
    if size in ("", "KB_4"):
        return f"{ops:,.0f} msg/s" if size else f"{ops:,.0f} op/s"
    return f"{ops * SIZES[size] / 1e6:,.0f} MB/s"


def main(results):
    limits = openssl(results)
    scores = jmh(results)
    table(limits, scores, "keymail per wall-clock second (JMH)")
    cpu = jmh(results, "cpu-rates.csv")
    if cpu:
        table(limits, cpu, "keymail per CPU-second of its thread, as openssl measures (robust to load)")
        floor(limits, cpu)
        peer(results, cpu)
    details(results, limits, scores)


def table(limits, scores, title):
    rows = []

    def row(case, keymail, limit=None, target=None):
        ratio = keymail / limit if limit else None
        verdict = ""
        if target is not None and ratio is not None:
            verdict = "MET" if ratio >= target else "MISSED"
            verdict += f" (target >= {target:.0%})"
        rows.append((case, keymail, limit, ratio, verdict))

    for key, (family, bits) in KEYS.items():
        lim = limits.get((family, bits))
        label = f"{family.upper()}-{bits}" if family == "rsa" else "ECDSA P-256"
        bare = scores.get(("PrivateKey", key, "", ""))
        if bare:
            row(f"bare private-key sign, {label} (op/s)", bare[0], lim and lim[0])
        for method, words in (("signFreshWithJdkKey", "fresh Signature + JDK key object"),
                              ("signFreshWithProviderKey", "fresh Signature + provider key")):
            variant = scores.get(("PrivateKey." + method, key, "", ""))
            if variant:
                row(f"  private-key sign, {words}, {label} (op/s)", variant[0], lim and lim[0])
        sign = scores.get(("Sign", key, "KB_4", ""))
        if sign:
            row(f"4 KB sign, {label} (msg/s)", sign[0], lim and lim[0],
                0.80 if key == "RSA_2048" else None)
            if bare:
                row(f"  4 KB sign / bare sign, {label}", sign[0], bare[0])
        verify = scores.get(("Verify", key, "KB_4", ""))
        if verify:
            row(f"4 KB verify+read, {label} (msg/s)", verify[0], lim and lim[1],
                0.25 if key in ("RSA_2048", "EC_P256") else None)
        for op in ("Encrypt", "Decrypt"):
            s = scores.get((op, key, "KB_4", "AES256_CBC"))
            if s:
                row(f"4 KB {op.lower()}, AES-256-CBC, {label} (msg/s)", s[0])

    for size in ("MB_1", "MB_50"):
        mb = SIZES[size] / 1e6
        for op, cipher in (("Sign", ""), ("Verify", ""), ("Encrypt", "AES256_GCM"),
                           ("Encrypt", "AES256_CBC"), ("Decrypt", "AES256_GCM"),
                           ("Decrypt", "AES256_CBC")):
            s = scores.get((op, "RSA_2048", size, cipher))
            if not s:
                continue
            name = {"MB_1": "1 MB", "MB_50": "50 MB"}[size]
            limit = None
            if op in ("Sign", "Verify"):
                limit = limits.get("sha", 0) / 1e6
            elif cipher == "AES256_GCM":
                limit = limits.get("aes", 0) / 1e6
            elif op == "Decrypt" and cipher == "AES256_CBC" and "cbc" in limits:
                limit = limits["cbc"] / 1e6
            target = None
            if size == "MB_50" and op in ("Verify", "Decrypt"):
                target = 0.50
            label = f"{name} {op.lower()}" + (f", {cipher.replace('AES256_', 'AES-256-')}" if cipher else "")
            row(label + " (MB/s)", s[0] * mb, limit, target)
            streamed = scores.get((op + ".stream", "RSA_2048", size, cipher))
            if streamed:
                row(f"  {name} {op.lower()}, from a stream (spooled) (MB/s)", streamed[0] * mb, limit)

    sign50 = scores.get(("Sign", "RSA_2048", "MB_50", ""))
    enc50 = scores.get(("Encrypt", "RSA_2048", "MB_50", "AES256_GCM"))
    if sign50 and enc50 and "aes" in limits and "sha" in limits:
        mb = SIZES["MB_50"] / 1e6
        combined = 1 / (1 / (sign50[0] * mb) + 1 / (enc50[0] * mb))
        limit = 1 / (1 / (limits["aes"] / 1e6) + 1 / (limits["sha"] / 1e6))
        row("50 MB sign then encrypt (GCM), combined (MB/s)", combined, limit, 0.50)

    print()
    print(title)
    print(f"{'case':<52} {'keymail':>12} {'limit':>12} {'ratio':>7}  target")
    for case, keymail, limit, ratio, verdict in rows:
        lim = f"{limit:,.0f}" if limit else "-"
        rat = f"{ratio:.0%}" if ratio is not None else "-"
        print(f"{case:<52} {keymail:>12,.0f} {lim:>12} {rat:>7}  {verdict}")


def floor(limits, cpu):
    """The least work of a 50 MB decrypt (DecryptFloorBenchmark), beside the cipher and keymail."""
    mb = SIZES["MB_50"] / 1e6
    cases = [("read the message file", "read", "AES256_GCM", None),
             ("read + decode its base64", "decode", "AES256_GCM", None),
             ("read + decode + AES-256-GCM over it", "decrypt", "AES256_GCM", "aes"),
             ("read + decode + AES-256-CBC decryption", "decrypt", "AES256_CBC", "cbc")]
    rows = [(label, cpu[("DecryptFloor." + method, "RSA_2048", "MB_50", cipher)][0], cipher, limit)
            for label, method, cipher, limit in cases
            if ("DecryptFloor." + method, "RSA_2048", "MB_50", cipher) in cpu]
    if not rows:
        return
    print()
    print("the least any reader of the 50 MB encrypted messages must do (per CPU-second): read the")
    print("file, decode the base64, run the cipher; no parsing, no holding GCM's ciphertext, no output")
    print(f"{'case':<52} {'MB/s':>12} {'limit':>12} {'ratio':>7}  keymail's decrypt / this")
    for label, ops, cipher, limit in rows:
        lim = limits.get(limit, 0) / 1e6 if limit else None
        keymail = cpu.get(("Decrypt", "RSA_2048", "MB_50", cipher)) if limit else None
        print(f"{label:<52} {ops * mb:>12,.0f} {f'{lim:,.0f}' if lim else '-':>12}"
              f" {f'{ops * mb / lim:.0%}' if lim else '-':>7}"
              f"  {f'{keymail[0] / ops:.0%}' if keymail else ''}")


def peer(results, cpu):
    """keymail beside openssl cms doing the same job on the same 50 MB messages, in CPU time."""
    path = os.path.join(results, "openssl-cms.txt")
    if not os.path.exists(path):
        return
    print()
    print("the same 50 MB messages through openssl cms (CPU time per message; openssl's start-up")
    print("and holding the whole message in memory included; keymail's heap stays bounded);")
    print("times: openssl cms's time over keymail's")
    print(f"{'case':<52} {'keymail':>12} {'openssl cms':>12} {'times':>7}")
    with open(path) as f:
        for line in f:
            case, seconds = line.split()
            op, _, cipher = case.partition(".")
            ops = cpu.get((op, "RSA_2048", "MB_50", cipher))
            if not ops:
                continue
            label = "50 MB " + op.lower() + (f", {cipher.replace('AES256_', 'AES-256-')}" if cipher else "")
            ours = 1 / ops[0]
            print(f"{label:<52} {ours * 1e3:>9,.0f} ms {float(seconds) * 1e3:>9,.0f} ms"
                  f" {float(seconds) / ours:>6.1f}x")


def details(results, limits, scores):
    print()
    print("limits: openssl speed (one core, CPU time); signs/s, verifies/s, MB/s at 16 KB blocks;")
    print(f"  AES-256-GCM {limits.get('aes', 0) / 1e6:,.0f} MB/s, AES-256-CBC decryption"
          f" {limits.get('cbc', 0) / 1e6:,.0f} MB/s, SHA-256 {limits.get('sha', 0) / 1e6:,.0f} MB/s")
    print("JMH score errors (99.9%):")
    for (bench, key, size, cipher), (score, err) in sorted(scores.items()):
        print(f"  {bench:<10} {key:<9} {size:<6} {cipher:<10} {score:>12,.2f} ops/s +- {err:,.2f}")
    peak = os.path.join(results, "peak-heap.txt")
    if os.path.exists(peak):
        print("50 MB round trip with -Xmx64m:")
        with open(peak) as f:
            for line in f:
                if line.startswith(("message", "peak", "exit", "Exception", "java.lang")):
                    print("  " + line.rstrip())


if __name__ == "__main__":
    main(sys.argv[1])
