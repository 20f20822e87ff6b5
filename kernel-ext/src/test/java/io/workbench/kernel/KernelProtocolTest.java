package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel driven by a real Jupyter client ({@code jupyter_client}, from drive_kernel.py): execution,
 * errors, magics, display, completion, inspection, is_complete, history, interrupts, bad signatures,
 * restart and shutdown. The script records what the kernel answered; the assertions are here.
 */
class KernelProtocolTest {

  @TempDir
  static Path tmp;

  private static JsonNode obs;

  @BeforeAll
  static void drive() throws Exception {
    obs = JupyterTools.observe(tmp, "drive_kernel.py", 240);
  }

  private static String text(JsonNode cell) {
    return cell.path("result").path("text/plain").asText(null);
  }

  @Test
  void kernelInfoSpeaksProtocolFive() {
    assertTrue(obs.at("/kernel_info/protocol_version").asText().startsWith("5."));
    assertEquals("java", obs.at("/kernel_info/language").asText());
    assertEquals("ok", obs.at("/kernel_info/status").asText(), "kernel_info_reply has status (spec 5.3)");
  }

  @Test
  void displayWithAMimeTypeSendsThatType() {
    JsonNode d = obs.at("/display_html/displays/0/data");
    assertEquals("<b>bold</b>", d.path("text/html").asText(), d.toString());
    assertEquals("<b>bold</b>", d.path("text/plain").asText(), d.toString());
  }

  @Test
  void printedFloodsArriveCompleteUpToTheCapThenTheNoticeThenIdle() {
    JsonNode small = obs.get("lines_20k");
    assertEquals("ok", small.path("status").asText(), "idle and the reply arrived");
    assertTrue(small.path("lines_ok").asBoolean(), "all 20,000 lines in order: " + small);
    assertEquals(small.path("expected_bytes").asInt(), small.path("shown_bytes").asInt(), small.toString());
    assertTrue(small.path("notice").isNull(), small.toString());
    JsonNode big = obs.get("lines_200k");
    assertEquals("ok", big.path("status").asText());
    assertTrue(big.path("lines_ok").asBoolean(), "the first 1,000,000 bytes of 200,000 lines, in order: " + big);
    assertEquals(WorkbenchKernel.OUTPUT_LIMIT, big.path("shown_bytes").asInt(), big.toString());
    long dropped = big.path("expected_bytes").asLong() - WorkbenchKernel.OUTPUT_LIMIT;
    assertTrue(big.path("notice").asText().startsWith("\n[stdout truncated: " + dropped + " more bytes not shown"),
        big.path("notice").asText());
  }

  @Test
  void userExpressionsAreEvaluated() {
    JsonNode u = obs.get("user_expressions");
    assertEquals("ok", u.at("/twice/status").asText(), u.toString());
    assertEquals("10", u.at("/twice/data/text~1plain").asText(), u.toString());
    assertEquals("error", u.at("/bad/status").asText(), u.toString());
    assertEquals("CompileError", u.at("/bad/ename").asText(), u.toString());
  }

  @Test
  void aHugeResultIsCutWithANotice() {
    JsonNode r = obs.get("huge_result");
    assertEquals("ok", r.path("status").asText());
    assertTrue(r.path("length").asInt() <= WorkbenchKernel.RESULT_LIMIT + 200, r.toString());
    assertTrue(r.path("tail").asText().contains("99001000 more characters not shown"), r.path("tail").asText());
  }

  @Test
  void aFailedCellAbortsTheQueuedOnes() {
    assertEquals(List.of("error", "aborted", "aborted"), lines(obs.get("abort")));
    assertEquals("CompileError", obs.at("/abort_after/ename").asText(), "the aborted cell never ran");
  }

  @Test
  void anInterruptDuringCompilationStopsTheCell() {
    JsonNode c = obs.get("interrupt_compile");
    assertEquals("Interrupted", c.path("ename").asText(), c.toString());
    assertTrue(c.path("seconds").asDouble() < 10, c.toString());
    assertEquals("CompileError", obs.at("/after_interrupt_compile/ename").asText(), "the last line never ran");
  }

  @Test
  void executesWithCountsStreamsAndResults() {
    assertEquals("2", text(obs.get("one_plus_one")));
    assertEquals(1, obs.at("/one_plus_one/count").asInt());
    JsonNode c = obs.get("print_and_decl");
    assertEquals(2, c.get("count").asInt());
    assertEquals("hello from java\n", c.get("stdout").asText());
    assertEquals("21", text(c));
  }

  @Test
  void compileErrorShowsTheOffendingLine() {
    JsonNode c = obs.get("compile_error");
    assertEquals("error", c.get("status").asText());
    assertEquals("CompileError", c.get("ename").asText());
    List<String> tb = lines(c.get("traceback"));
    assertTrue(tb.contains("line 2: int b = a +;"), tb.toString());
    // the caret sits under the ';' (column 17 of the line, after the "line 2: " prefix)
    String caret = tb.get(tb.indexOf("line 2: int b = a +;") + 1);
    assertEquals("line 2: ".length() + "int b = a +".length(), caret.indexOf('^'), caret);
  }

  @Test
  void exceptionHasTrimmedStackTrace() {
    JsonNode c = obs.get("exception");
    assertEquals("EvalException", c.get("ename").asText());
    assertEquals("java.lang.IllegalStateException: boom in method", c.get("evalue").asText());
    List<String> tb = lines(c.get("traceback"));
    assertTrue(tb.get(1).contains("boom("), tb.toString());
    assertTrue(tb.stream().noneMatch(l -> l.contains("jdk.internal") || l.contains("io.workbench.kernel")),
        tb.toString());
  }

  @Test
  void systemExitDoesNotKillTheKernel() {
    assertEquals("SystemExit", obs.at("/exit/ename").asText());
    assertEquals("40", text(obs.get("after_exit")), "state survives: x * 2 with x = 20");
  }

  @Test
  void floodOfOutputIsCappedAndReported() {
    String out = obs.at("/megabytes/stdout").asText();
    assertEquals("ok", obs.at("/megabytes/status").asText());
    assertTrue(out.length() <= WorkbenchKernel.OUTPUT_LIMIT + 500, "length " + out.length());
    assertTrue(out.startsWith("line 0 of a flood\n"));
    assertTrue(out.contains("[stdout truncated: "), out.substring(Math.max(0, out.length() - 300)));
  }

  @Test
  void displayAndUpdateDisplayShareAnId() {
    JsonNode c = obs.get("display");
    assertEquals("first", c.at("/displays/0/data/text~1plain").asText());
    assertEquals("second", c.at("/updates/0/data/text~1plain").asText());
    String id = c.at("/displays/0/id").asText();
    assertFalse(id.isEmpty());
    assertEquals(id, c.at("/updates/0/id").asText());
  }

  @Test
  void chartAsSvgOnRequestAndTrailingSemicolonHidesResult() {
    JsonNode c = obs.get("svg");
    assertTrue(c.at("/displays/0/data/image~1svg+xml").asText().contains("<svg"));
    assertTrue(c.at("/displays/0/data/image~1png").isMissingNode(), "only the requested type (and text)");
    assertTrue(c.get("result").isNull(), "display(...); ends with a semicolon: no result shown");
  }

  @Test
  void tableRendersAsHtml() {
    String html = obs.at("/table/result/text~1html").asText();
    assertTrue(html.contains("150 rows"), html.substring(0, 200));
    assertTrue(html.contains("<td>5.1</td><td>3.5</td><td>1.4</td><td>0.2</td>"), "first iris row");
  }

  @Test
  void magics() {
    assertTrue(obs.at("/time_magic/stdout").asText().startsWith("Wall time: "));
    assertEquals("42", text(obs.get("time_magic")));
    assertEquals("42", text(obs.get("load_magic")));
    assertEquals("MagicError", obs.at("/unknown_magic/ename").asText());
    assertTrue(obs.at("/unknown_magic/evalue").asText().contains("%jars, %classpath, %load, %time"));
  }

  @Test
  void completionInspectionIsComplete() {
    JsonNode c = obs.get("complete");
    assertTrue(lines(c.get("matches")).contains("toUpperCase("), c.toString());
    assertEquals(c.get("code_length").asInt() - "toUpperC".length(), c.get("start").asInt());
    assertEquals(c.get("code_length").asInt(), c.get("end").asInt());
    assertTrue(obs.at("/inspect/found").asBoolean(), obs.get("inspect").toString());
    assertTrue(obs.at("/inspect/text").asText().contains("max("), obs.get("inspect").toString());
    assertEquals("complete", obs.at("/is_complete/complete/status").asText());
    assertEquals("incomplete", obs.at("/is_complete/incomplete/status").asText());
    assertEquals("complete", obs.at("/is_complete/magic/status").asText());
  }

  @Test
  void historyListsCellsInOrder() {
    List<String> h = lines(obs.get("history"));
    assertEquals("1+1", h.get(0));
    assertTrue(h.indexOf("x * 2") > h.indexOf("System.exit(3);"));
  }

  @Test
  void historyWithOutputGivesInputOutputPairs() {
    JsonNode h = obs.get("history_output");
    JsonNode first = h.get(0);
    assertEquals(1, first.get(1).asInt(), "line = execution count");
    assertEquals("1+1", first.at("/2/0").asText());
    assertEquals("2", first.at("/2/1").asText(), "the output of 1+1");
    JsonNode decl = null;
    for (JsonNode e : h) {
      if (e.at("/2/0").asText().startsWith("System.out.println(\"hello")) {
        decl = e;
      }
    }
    assertEquals("21", decl.at("/2/1").asText(), "x + 1 with x = 20: " + decl);
  }

  @Test
  void historySearchMatchesGlobsAsIPythonDoes() {
    JsonNode s = obs.get("history_search");
    assertEquals("ok", s.path("status").asText());
    List<String> found = lines(s.get("found"));
    assertEquals(lines(s.get("sqlite")), found, "SQLite GLOB over the same inputs");
    assertEquals(List.of("10", "12"), found);
  }

  @Test
  void interruptStopsRunawayLoopAndSleepAndKernelLivesOn() {
    for (String k : List.of("interrupt_empty_loop", "interrupt_loop", "interrupt_sleep")) {
      assertEquals("error", obs.at("/" + k + "/status").asText(), k);
      assertEquals("Interrupted", obs.at("/" + k + "/ename").asText(), k);
      assertTrue(obs.at("/" + k + "/seconds").asDouble() < 10, k);
    }
    assertEquals("5", text(obs.get("after_interrupt")));
    assertEquals("true", text(obs.get("spins_kept")), "the loop's variable keeps its last value");
  }

  @Test
  void badlySignedAndUnsignedMessagesAreIgnored() {
    assertEquals("CompileError", obs.at("/rogue_bad/ename").asText(), "the rogue cell never ran");
    assertEquals("CompileError", obs.at("/rogue_unsigned/ename").asText(), "the rogue cell never ran");
    assertEquals("42", text(obs.get("alive_after_rogue")));
  }

  @Test
  void restartGivesAFreshSessionAndShutdownEndsTheProcess() {
    assertEquals("CompileError", obs.at("/after_restart/ename").asText(), "x is gone after restart");
    assertEquals(1, obs.at("/after_restart/count").asInt());
    assertEquals("42", text(obs.get("after_restart_ok")));
    assertFalse(obs.get("alive_after_shutdown").asBoolean());
    assertNotNull(obs.get("startup_seconds"));
  }

  private static List<String> lines(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
