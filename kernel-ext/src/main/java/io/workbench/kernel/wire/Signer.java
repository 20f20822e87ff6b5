package io.workbench.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC signature of a message (header, parent header, metadata, content, in that order), as hex, with the
 * scheme and key of the connection file. An empty key disables signing: messages go out with an empty
 * signature and every signature is accepted, as in jupyter_client. Thread-safe.
 *
 * <pre>{@code
 * Signer s = new Signer("hmac-sha256", key);
 * String sig = s.sign(header, parent, metadata, content);
 * boolean ok = s.verify(sig, header, parent, metadata, content);
 * }</pre>
 */
public final class Signer {

  private final Mac mac;

  /**
   * Creates a signer.
   *
   * @param scheme {@code hmac-<digest>}, for example {@code hmac-sha256}
   * @param key the key; empty for unsigned messages
   * @throws IllegalArgumentException when the JDK has no such HMAC
   */
  public Signer(String scheme, String key) {
    if (scheme == null || !scheme.startsWith("hmac-")) {
      throw new IllegalArgumentException("signature scheme must be hmac-<digest>, got \"" + scheme + "\"");
    }
    if (key == null || key.isEmpty()) {
      mac = null;
      return;
    }
    String algorithm = "Hmac" + scheme.substring(5).replace("-", "").toUpperCase(Locale.ROOT);
    try {
      Mac m = Mac.getInstance(algorithm);
      m.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      mac = m;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("signature scheme \"" + scheme + "\" is not available (" + algorithm
          + "); use hmac-sha256", e);
    }
  }

  /** Whether messages are signed (the key is not empty). */
  public boolean enabled() {
    return mac != null;
  }

  /** The hex signature of the parts; empty when signing is disabled. */
  public String sign(byte[]... parts) {
    if (mac == null) {
      return "";
    }
    synchronized (mac) {
      for (byte[] p : parts) {
        mac.update(p);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    }
  }

  /** Whether {@code signature} is the signature of the parts (compared in constant time); true when disabled. */
  public boolean verify(String signature, byte[]... parts) {
    if (mac == null) {
      return true;
    }
    if (signature == null || signature.isEmpty()) {
      return false;
    }
    byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
