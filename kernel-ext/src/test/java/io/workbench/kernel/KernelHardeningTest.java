package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel against a careless or hostile local client (hostile_kernel.py: jupyter_client plus raw ZeroMQ
 * sockets): replayed requests, malformed multipart messages, a shared ZeroMQ identity, junk on stdin, errors
 * on the shell thread, an IPv6 address, an address not on this machine, and an empty key. Each of these
 * failed with the IJava base kernel's sockets (no reply ever again, a second run of a replayed cell, lost
 * input, a raw ZeroMQ stack trace).
 */
class KernelHardeningTest {

  @TempDir
  static Path tmp;

  private static JsonNode obs;

  @BeforeAll
  static void drive() throws Exception {
    obs = JupyterTools.observe(tmp, "hostile_kernel.py", 400);
  }

  @Test
  void aReplayedRequestDoesNotRunAgain() {
    assertEquals("ok", obs.at("/replay/first_status").asText(), obs.toString());
    assertFalse(obs.at("/replay/second_answered").asBoolean(), "the replay got a reply");
    assertEquals("1", obs.at("/replay/count").asText(), "replayCount++ ran once");
  }

  @Test
  void malformedMultipartMessagesDoNotDesynchroniseTheShell() {
    for (String k : List.of("no_delimiter", "too_few_frames", "bad_json")) {
      JsonNode c = obs.at("/framing/" + k);
      assertEquals("ok", c.path("status").asText(), k + ": " + c);
    }
    assertEquals("42", obs.at("/framing/no_delimiter/result").asText());
    assertEquals("48", obs.at("/framing/too_few_frames/result").asText());
    assertEquals("54", obs.at("/framing/bad_json/result").asText());
  }

  @Test
  void aSecondClientWithTheSameIdentityGetsReplies() {
    assertEquals("ok", obs.at("/identity/first").asText(), obs.path("identity").toString());
    assertEquals("ok", obs.at("/identity/second").asText(), obs.path("identity").toString());
  }

  @Test
  void junkOnStdinDoesNotLoseTheUsersInput() {
    assertEquals("input_request", obs.at("/stdin/request").asText(), obs.path("stdin").toString());
    assertEquals("\"got hello world\"", obs.at("/stdin/result").asText(), obs.path("stdin").toString());
  }

  @Test
  void errorsOnTheShellThreadBecomeErrorReplies() {
    assertEquals("MagicError", obs.at("/bad_jar/ename").asText(), obs.path("bad_jar").toString());
    assertTrue(obs.at("/bad_jar/evalue").asText().contains("not-a-jar.jar is not a jar"),
        obs.at("/bad_jar/evalue").asText());
    assertEquals("2", obs.at("/after_bad_jar/result").asText(), obs.path("after_bad_jar").toString());
    assertEquals("error", obs.at("/deep/status").asText(), "a compilation overflowing the stack: " + obs.get("deep"));
    assertTrue(obs.at("/deep/evalue").asText().contains("StackOverflowError"), obs.get("deep").toString());
    assertEquals("4", obs.at("/after_deep/result").asText(), obs.path("after_deep").toString());
  }

  @Test
  void ipv6LoopbackWorksAndAForeignAddressFailsClearly() {
    assertEquals("ok", obs.at("/ipv6/status").asText(), obs.path("ipv6").toString());
    String log = obs.at("/unbindable/log").asText();
    assertEquals(2, obs.at("/unbindable/exit").asInt(), log);
    assertTrue(log.contains("2001:db8::77") && log.contains("not an address of this machine"), log);
    assertFalse(log.contains("\tat "), "no stack trace: " + log);
  }

  @Test
  void anEmptyKeyWorksWithAWarning() {
    assertEquals("ok", obs.at("/empty_key/status").asText(), obs.path("empty_key").toString());
    assertTrue(obs.at("/empty_key/log").asText().contains("messages are not signed"), obs.path("empty_key").toString());
  }
}
