package org.keymail.smime.encrypt;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/** The symmetric ciphers an S/MIME message's content can be encrypted with. */
public enum ContentCipher {
  /** AES-256-GCM in AuthEnvelopedData (RFC 5083/5084): authenticated; keymail's first choice. */
  AES256_GCM(NISTObjectIdentifiers.id_aes256_GCM, "aes-256-gcm", true, true),
  /** AES-192-GCM in AuthEnvelopedData: read only. */
  AES192_GCM(NISTObjectIdentifiers.id_aes192_GCM, "aes-192-gcm", true, false),
  /** AES-128-GCM in AuthEnvelopedData: read only. */
  AES128_GCM(NISTObjectIdentifiers.id_aes128_GCM, "aes-128-gcm", true, false),
  /** ChaCha20-Poly1305 in AuthEnvelopedData (RFC 8103): read only. */
  CHACHA20_POLY1305(
      PKCSObjectIdentifiers.id_alg_AEADChaCha20Poly1305, "chacha20-poly1305", true, false),
  /** AES-256-CBC in EnvelopedData: what every S/MIME client reads. */
  AES256_CBC(NISTObjectIdentifiers.id_aes256_CBC, "aes-256-cbc", false, true),
  /** AES-192-CBC: read only. */
  AES192_CBC(NISTObjectIdentifiers.id_aes192_CBC, "aes-192-cbc", false, false),
  /** AES-128-CBC: read only (NSS's default). */
  AES128_CBC(NISTObjectIdentifiers.id_aes128_CBC, "aes-128-cbc", false, false),
  /** Triple DES: read only, for old mail (openssl's default when no cipher is named). */
  DES_EDE3_CBC(PKCSObjectIdentifiers.des_EDE3_CBC, "des-ede3-cbc", false, false);

  private final ASN1ObjectIdentifier oid;
  private final String displayName;
  private final boolean authenticated;
  private final boolean usedForSending;

  ContentCipher(
      ASN1ObjectIdentifier oid, String displayName, boolean authenticated, boolean usedForSending) {
    this.oid = oid;
    this.displayName = displayName;
    this.authenticated = authenticated;
    this.usedForSending = usedForSending;
  }

  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** The name people and {@code openssl} use, e.g. {@code aes-256-gcm}. */
  public String displayName() {
    return displayName;
  }

  /** Whether this cipher detects changes to the ciphertext (AuthEnvelopedData). */
  public boolean isAuthenticated() {
    return authenticated;
  }

  /** Whether keymail encrypts with this cipher (the others it only decrypts). */
  public boolean isUsedForSending() {
    return usedForSending;
  }

  /** The cipher with this object identifier, if keymail knows it. */
  public static Optional<ContentCipher> byOid(ASN1ObjectIdentifier oid) {
    return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
  }

  /** The cipher with this display name ({@code aes-256-gcm}, {@code aes-256-cbc}). */
  public static Optional<ContentCipher> byName(String name) {
    return Arrays.stream(values()).filter(c -> c.displayName.equalsIgnoreCase(name)).findFirst();
  }
}
