package io.workbench.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames to messages and back: signatures checked against an independent HMAC, replays refused with bounded
 * memory, malformed multipart messages refused whole, connection files validated with the file and field named.
 */
class MessageCodecTest {

  @TempDir
  Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** HMAC-SHA256 computed here, independently of Signer. */
  private static String hmac(String key, String... parts) throws Exception {
    Mac m = Mac.getInstance("HmacSHA256");
    m.init(new SecretKeySpec(b(key), "HmacSHA256"));
    for (String p : parts) {
      m.update(b(p));
    }
    return HexFormat.of().formatHex(m.doFinal());
  }

  private static List<byte[]> frames(String sig, String header, String content) {
    return new ArrayList<>(List.of(b("client-id"), MessageCodec.DELIMITER, b(sig), b(header), b("{}"), b("{}"),
        b(content)));
  }

  @Test
  void signedMessagesDecodeOnceAndReplaysAreRefused() throws Exception {
    MessageCodec codec = new MessageCodec(new Signer("hmac-sha256", "k3y"), new SeenSignatures());
    String header = "{\"msg_id\":\"1\",\"msg_type\":\"execute_request\",\"session\":\"s\"}";
    String content = "{\"code\":\"1+1\"}";
    String sig = hmac("k3y", header, "{}", "{}", content);
    WireMessage m = codec.decode(frames(sig, header, content));
    assertEquals("execute_request", m.type());
    assertEquals("1+1", m.content().path("code").asText());
    assertEquals("client-id", new String(m.identities().get(0), StandardCharsets.UTF_8));
    MessageCodec.Rejected r = assertThrows(MessageCodec.Rejected.class, () -> codec.decode(frames(sig, header, content)));
    assertTrue(r.getMessage().contains("replayed"), r.getMessage());
    assertThrows(MessageCodec.Rejected.class, () -> codec.decode(frames(hmac("other", header, "{}", "{}", content),
        header, content)), "wrong key");
    assertThrows(MessageCodec.Rejected.class, () -> codec.decode(frames("", header, content)), "unsigned");
  }

  @Test
  void malformedMultipartMessagesAreRefusedWhole() throws Exception {
    MessageCodec codec = new MessageCodec(new Signer("hmac-sha256", "k"), new SeenSignatures());
    assertTrue(assertThrows(MessageCodec.Rejected.class, () -> codec.decode(List.of(b("a"), b("b"))))
        .getMessage().contains("no <IDS|MSG> delimiter"));
    assertTrue(assertThrows(MessageCodec.Rejected.class, () -> codec.decode(List.of(MessageCodec.DELIMITER, b("x"))))
        .getMessage().contains("expected at least 5"));
    String header = "[1, 2]";
    String sig = hmac("k", header, "{}", "{}", "{}");
    assertTrue(assertThrows(MessageCodec.Rejected.class, () -> codec.decode(frames(sig, header, "{}")))
        .getMessage().contains("header is not a JSON object"));
    String good = "{\"msg_id\":\"2\",\"msg_type\":\"kernel_info_request\"}";
    String sig2 = hmac("k", good, "{}", "{}", "not json");
    WireMessage m = codec.decode(frames(sig2, good, "not json"));
    assertNotNull(m.problem(), "a signed message with bad content still decodes, to be answered with an error");
  }

  @Test
  void encodedMessagesCarryAValidSignature() throws Exception {
    MessageCodec codec = new MessageCodec(new Signer("hmac-sha256", "k"), new SeenSignatures());
    List<byte[]> f = codec.encode(List.of(b("to")), "status", null, null,
        MessageCodec.JSON.createObjectNode().put("execution_state", "idle"));
    assertEquals("to", new String(f.get(0), StandardCharsets.UTF_8));
    String sig = new String(f.get(2), StandardCharsets.US_ASCII);
    assertEquals(hmac("k", new String(f.get(3), StandardCharsets.UTF_8), "{}", "{}",
        new String(f.get(6), StandardCharsets.UTF_8)), sig);
    WireMessage back = new MessageCodec(new Signer("hmac-sha256", "k"), new SeenSignatures()).decode(f);
    assertEquals("status", back.type());
    assertEquals(MessageCodec.PROTOCOL_VERSION, back.header().path("version").asText());
  }

  @Test
  void seenSignaturesAreBounded() {
    SeenSignatures seen = new SeenSignatures(3);
    assertTrue(seen.firstSight("a"));
    assertFalse(seen.firstSight("a"));
    seen.firstSight("b");
    seen.firstSight("c");
    seen.firstSight("d");
    assertEquals(3, seen.size());
    assertTrue(seen.firstSight("a"), "the oldest was forgotten");
    assertFalse(seen.firstSight("d"));
    assertThrows(IllegalArgumentException.class, () -> new SeenSignatures(0));
  }

  @Test
  void emptyKeyDisablesSigning() {
    Signer s = new Signer("hmac-sha256", "");
    assertFalse(s.enabled());
    assertEquals("", s.sign(b("x")));
    assertTrue(s.verify("", b("x")));
    assertThrows(IllegalArgumentException.class, () -> new Signer("hmac-nosuchdigest", "k"));
    assertThrows(IllegalArgumentException.class, () -> new Signer("sha256", "k"));
  }

  @Test
  void connectionFilesAreCheckedFieldByField() throws Exception {
    Path ok = Files.writeString(tmp.resolve("ok.json"), "{\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3,"
        + " \"control_port\": 4, \"hb_port\": 5, \"ip\": \"::1\", \"key\": \"k\"}");
    ConnectionFile c = ConnectionFile.read(ok);
    assertEquals("tcp://[::1]:1", c.endpoint(c.shellPort()));
    assertTrue(c.ipv6());
    assertEquals("hmac-sha256", c.signatureScheme());
    assertFalse(c.toString().contains("\"k\""), "the key is not printed");
    Path local = Files.writeString(tmp.resolve("local.json"), "{\"shell_port\": 1, \"iopub_port\": 2,"
        + " \"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5}");
    assertEquals("tcp://127.0.0.1:5", ConnectionFile.read(local).endpoint(5), "loopback when no ip is given");
    Path badPort = Files.writeString(tmp.resolve("bad.json"), "{\"shell_port\": 70000, \"iopub_port\": 2,"
        + " \"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(badPort));
    assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("shell_port")
        && e.getMessage().contains("70000"), e.getMessage());
    Path ipc = Files.writeString(tmp.resolve("ipc.json"), "{\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3,"
        + " \"control_port\": 4, \"hb_port\": 5, \"transport\": \"ipc\"}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(ipc)).getMessage()
        .contains("ipc is not supported"));
    Path notJson = Files.writeString(tmp.resolve("broken.json"), "{\"shell_port\": ");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(notJson)).getMessage()
        .contains("broken.json"));
  }
}
