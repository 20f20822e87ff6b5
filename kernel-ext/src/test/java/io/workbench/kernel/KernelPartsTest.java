package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.kernel.render.Renderers;
import io.workbench.kernel.wire.MessageCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel's parts without a kernel: coalescing and capping of printed output, history search, the orphan
 * rules, result limits, display as a requested MIME type, and JShell's names in messages.
 */
class KernelPartsTest {

  private record Sent(String type, JsonNode parent, ObjectNode content) {}

  private static String text(List<Sent> sent) {
    StringBuilder b = new StringBuilder();
    for (Sent s : sent) {
      b.append(s.content().path("text").asText());
    }
    return b.toString();
  }

  @Test
  void printedLinesAreCoalescedCompleteAndInOrder() throws Exception {
    List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      NotebookStream s = new NotebookStream("stdout", (t, p, c) -> sent.add(new Sent(t, p, c)),
          new PrintStream(PrintStream.nullOutputStream()), timer, 1_000_000);
      ObjectNode parent = MessageCodec.JSON.createObjectNode().put("msg_id", "cell-1");
      s.begin(parent);
      PrintStream out = new PrintStream(s, true, StandardCharsets.UTF_8);
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        out.println("line " + i + " é€😀");
        expected.append("line ").append(i).append(" é€😀\n");
      }
      s.end();
      assertEquals(expected.toString(), text(sent), "every line, in order, no character split");
      assertTrue(sent.size() < 100, "coalesced into few messages, not one per line: " + sent.size());
      assertTrue(sent.stream().allMatch(x -> x.type().equals("stream") && x.parent() == parent));
      // a quiet cell's output goes out on the timer, without waiting for the cell to end
      sent.clear();
      out.print("soon");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (sent.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertEquals("soon", text(sent));
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void outputPastTheLimitIsCountedAndReported() {
    List<Sent> sent = new ArrayList<>();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      NotebookStream s = new NotebookStream("stderr", (t, p, c) -> sent.add(new Sent(t, p, c)),
          new PrintStream(PrintStream.nullOutputStream()), timer, 1000);
      s.begin(MessageCodec.JSON.createObjectNode());
      byte[] chunk = "0123456789".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 250; i++) {
        s.write(chunk, 0, chunk.length);
      }
      s.end();
      String all = text(sent);
      assertEquals("0123456789".repeat(100), all.substring(0, 1000));
      assertEquals("\n[stderr truncated: 1500 more bytes not shown; the limit is 1000 bytes per cell]\n",
          all.substring(1000));
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aUtf8CharacterSplitAcrossWritesIsNotBroken() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    assertEquals(1, NotebookStream.completeUtf8(new byte[] {'a', euro[0], euro[1]}, 3));
    assertEquals(4, NotebookStream.completeUtf8(new byte[] {'a', euro[0], euro[1], euro[2]}, 4));
    assertEquals(2, NotebookStream.completeUtf8(new byte[] {'a', 'b'}, 2));
  }

  @Test
  void historySearchIsSqliteGlob() {
    CellHistory h = new CellHistory();
    String[] inputs = {"10", "1+1", "12", "x1", "1", "a.b", "axb", "[x]", "Ab", "ab"};
    for (int i = 0; i < inputs.length; i++) {
      h.add(i + 1, inputs[i], null);
    }
    assertEquals(List.of("10", "12"), inputs(h.search("1?", 0, false)), "? is exactly one character");
    assertEquals(List.of("10", "1+1", "12", "1"), inputs(h.search("1*", 0, false)));
    assertEquals(List.of("a.b"), inputs(h.search("a.b", 0, false)), "a dot is a dot");
    assertEquals(List.of("10", "12"), inputs(h.search("1[02]", 0, false)));
    assertEquals(List.of("1+1"), inputs(h.search("1[^02]*", 0, false)));
    assertEquals(List.of("ab"), inputs(h.search("a[b]", 0, false)), "case-sensitive");
    assertEquals(List.of("12"), inputs(h.search("1?", 1, false)), "the last n");
    h.add(11, "10", "10");
    assertEquals(List.of("12", "10"), inputs(h.search("1?", 0, true)), "unique keeps the latest");
  }

  private static List<String> inputs(List<CellHistory.Entry> entries) {
    return entries.stream().map(CellHistory.Entry::input).toList();
  }

  @Test
  void historyIsBoundedAndGivesOutputPairs() {
    CellHistory h = new CellHistory(3);
    for (int i = 1; i <= 5; i++) {
      h.add(i, "c" + i, i % 2 == 0 ? null : "x".repeat(CellHistory.MAX_OUTPUT_CHARS + 5));
    }
    assertEquals(List.of("c3", "c4", "c5"), inputs(h.tail(0)));
    JsonNode json = CellHistory.toJson(h.range(0, 4, 0), true);
    assertEquals("[1,4,[\"c4\",null]]", json.get(0).toString());
    assertEquals(CellHistory.MAX_OUTPUT_CHARS + 3, json.get(1).at("/2/1").asText().length(), "output cut");
  }

  @Test
  void orphanRules() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor(10, TimeUnit.SECONDS);
    ProcessHandle gone = p.toHandle();
    assertNotNull(new ParentWatch(List.of(gone), () -> false, () -> 0L, 60).reasonToExit(0),
        "the watched parent has exited");
    assertNull(new ParentWatch(List.of(ProcessHandle.current()), () -> true, () -> 0L, 60)
        .reasonToExit(TimeUnit.HOURS.toNanos(5)), "a live parent: no heartbeat rule");
    ParentWatch noParent = new ParentWatch(List.of(), () -> true, () -> 0L, 60);
    assertNull(noParent.reasonToExit(TimeUnit.SECONDS.toNanos(59)));
    assertNotNull(noParent.reasonToExit(TimeUnit.SECONDS.toNanos(61)), "no heartbeat for longer than the timeout");
    assertNull(new ParentWatch(List.of(), () -> false, () -> 0L, 60).reasonToExit(TimeUnit.HOURS.toNanos(5)),
        "no client ever pinged: wait for one");
    assertNull(new ParentWatch(List.of(), () -> true, () -> 0L, 0).reasonToExit(TimeUnit.HOURS.toNanos(5)),
        "timeout 0 disables the heartbeat rule");
  }

  @Test
  void resultsAreCut() {
    Renderers.Bundle b = ResultLimit.apply(new Renderers.Bundle(
        Map.of(Renderers.TEXT, "y".repeat(WorkbenchKernel.RESULT_LIMIT + 10)), Map.of()));
    String t = (String) b.data().get(Renderers.TEXT);
    assertTrue(t.startsWith("y".repeat(WorkbenchKernel.RESULT_LIMIT) + "\n[result truncated: 10 more characters"), t.substring(t.length() - 100));
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put(Renderers.TEXT, "table");
    data.put(Renderers.HTML, "<td>".repeat(ResultLimit.OTHER_LIMIT));
    b = ResultLimit.apply(new Renderers.Bundle(data, Map.of()));
    assertEquals(Set.of(Renderers.TEXT), b.data().keySet());
    assertTrue(((String) b.data().get(Renderers.TEXT)).contains("[text/html not shown"), b.data().toString());
    Renderers.Bundle small = new Renderers.Bundle(Map.of(Renderers.TEXT, "ok"), Map.of());
    assertTrue(ResultLimit.apply(small) == small);
  }

  @Test
  void textShowsAsTheRequestedMimeType() {
    Renderers.Bundle b = Renderers.bundle("<b>hi</b>", null, Set.of(Renderers.HTML));
    assertEquals("<b>hi</b>", b.data().get(Renderers.HTML));
    assertEquals("<b>hi</b>", b.data().get(Renderers.TEXT));
    b = Renderers.bundle("{\"a\": [1, 2]}", null, Set.of(Renderers.JSON));
    assertEquals("{\"a\":[1,2]}", b.data().get(Renderers.JSON).toString(), "JSON is sent as JSON");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Renderers.bundle(42, null, Set.of(Renderers.HTML)));
    assertTrue(e.getMessage().contains("java.lang.Integer cannot be shown as text/html"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Renderers.bundle("x", null, Set.of("image/nope")));
  }

  @Test
  void jshellNamesAreRewritten() {
    assertEquals("Cannot invoke \"Object.toString()\" because \"o\" is null",
        UserNames.rewrite("Cannot invoke \"Object.toString()\" because \"REPL.$JShell$30.o\" is null"));
    assertEquals("class Point cannot be cast to class Shape (Point and Shape are in unnamed module)",
        UserNames.rewrite("class REPL.$JShell$12$Point cannot be cast to class REPL.$JShell$13$Shape"
            + " (REPL.$JShell$12$Point and REPL.$JShell$13$Shape are in unnamed module)"));
    assertEquals("because the return value of \"f()\" is null",
        UserNames.rewrite("because the return value of \"REPL.$JShell$7.f()\" is null"));
    assertEquals("plain text", UserNames.rewrite("plain text"));
  }
}
