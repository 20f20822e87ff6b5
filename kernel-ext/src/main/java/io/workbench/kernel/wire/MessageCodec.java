package io.workbench.kernel.wire;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Whole multipart ZeroMQ messages to {@link WireMessage}s and back. Decoding looks for the {@code <IDS|MSG>}
 * delimiter within one multipart message only (a malformed message is refused whole and never eats frames of
 * the next one), checks the signature, and refuses a signature it has accepted before (replay). Encoding signs
 * with the same key and stamps a fresh header.
 *
 * <pre>{@code
 * MessageCodec codec = new MessageCodec(new Signer("hmac-sha256", key), new SeenSignatures());
 * WireMessage m = codec.decode(frames);              // throws MessageCodec.Rejected
 * List<byte[]> reply = codec.encode(m.identities(), "kernel_info_reply", m.header(), content);
 * }</pre>
 */
public final class MessageCodec {

  /** The frame between routing identities and the signature. */
  public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  /** The protocol version this kernel speaks. */
  public static final String PROTOCOL_VERSION = "5.3";

  /** JSON for messages: strings as long as a frame may be (Jackson's default cap is 20 million characters). */
  public static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(1000).build());
  }

  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  private final Signer signer;
  private final SeenSignatures seen;
  private final String session = UUID.randomUUID().toString();

  /** A codec signing with {@code signer} and refusing signatures recorded in {@code seen}. */
  public MessageCodec(Signer signer, SeenSignatures seen) {
    this.signer = signer;
    this.seen = seen;
  }

  /** The kernel's session id (in the header of every message it sends). */
  public String session() {
    return session;
  }

  /** A message that was refused, with the reason. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Decodes one multipart message.
   *
   * @throws Rejected without the delimiter, with too few frames, a missing, wrong or replayed signature, or a
   *     header that is not a JSON object with string {@code msg_id} and {@code msg_type}
   */
  public WireMessage decode(List<byte[]> frames) throws Rejected {
    int d = -1;
    for (int i = 0; i < frames.size(); i++) {
      if (Arrays.equals(DELIMITER, frames.get(i))) {
        d = i;
        break;
      }
    }
    if (d < 0) {
      throw new Rejected("no <IDS|MSG> delimiter in " + frames.size() + " frame(s)");
    }
    if (frames.size() - d - 1 < 5) {
      throw new Rejected((frames.size() - d - 1) + " frame(s) after the delimiter, expected at least 5"
          + " (signature, header, parent header, metadata, content)");
    }
    String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
    byte[] header = frames.get(d + 2);
    byte[] parent = frames.get(d + 3);
    byte[] metadata = frames.get(d + 4);
    byte[] content = frames.get(d + 5);
    if (!signer.verify(signature, header, parent, metadata, content)) {
      throw new Rejected(signature.isEmpty() ? "unsigned message" : "wrong signature");
    }
    if (signer.enabled() && !seen.firstSight(signature)) {
      throw new Rejected("replayed message (its signature was accepted before)");
    }
    ObjectNode h = object(header);
    if (h == null || !h.path("msg_id").isTextual() || !h.path("msg_type").isTextual()) {
      throw new Rejected("the header is not a JSON object with string msg_id and msg_type");
    }
    String problem = null;
    ObjectNode p = object(parent);
    ObjectNode m = object(metadata);
    ObjectNode c = object(content);
    if (c == null) {
      problem = "the content of " + h.path("msg_type").asText() + " is not a JSON object";
    }
    return new WireMessage(frames.subList(0, d), h, p == null ? JSON.createObjectNode() : p,
        m == null ? JSON.createObjectNode() : m, c == null ? JSON.createObjectNode() : c,
        frames.subList(d + 6, frames.size()), problem);
  }

  private static ObjectNode object(byte[] json) {
    try {
      JsonNode n = JSON.readTree(json);
      return n instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A fresh header for a message of this type. */
  public ObjectNode header(String type) {
    ObjectNode h = JSON.createObjectNode();
    h.put("msg_id", UUID.randomUUID().toString()).put("session", session).put("username", "kernel")
        .put("date", Instant.now().toString()).put("msg_type", type).put("version", PROTOCOL_VERSION);
    return h;
  }

  /**
   * The frames of a message: identities, delimiter, signature, header, parent header, metadata, content.
   *
   * @param identities routing identities (the request's for replies, a topic for IOPub)
   * @param type message type
   * @param parent the parent header, or null
   * @param metadata metadata, or null for {@code {}}
   * @param content the content
   */
  public List<byte[]> encode(List<byte[]> identities, String type, JsonNode parent, ObjectNode metadata,
      JsonNode content) {
    return encode(identities, header(type), parent, metadata, content);
  }

  /** The frames of a message with a header made by {@link #header(String)}; see the other {@code encode}. */
  public List<byte[]> encode(List<byte[]> identities, ObjectNode header, JsonNode parent, ObjectNode metadata,
      JsonNode content) {
    byte[] h = bytes(header);
    byte[] p = parent == null ? EMPTY : bytes(parent);
    byte[] m = metadata == null ? EMPTY : bytes(metadata);
    byte[] c = bytes(content);
    List<byte[]> out = new ArrayList<>(identities.size() + 6);
    out.addAll(identities);
    out.add(DELIMITER);
    out.add(signer.sign(h, p, m, c).getBytes(StandardCharsets.US_ASCII));
    out.add(h);
    out.add(p);
    out.add(m);
    out.add(c);
    return out;
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a message as JSON", e);
    }
  }
}
