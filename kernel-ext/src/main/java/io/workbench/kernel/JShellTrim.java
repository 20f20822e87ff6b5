package io.workbench.kernel;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;

/**
 * Keeps a long JShell session from growing quadratically. JShell wraps every snippet in a class whose source
 * starts with an import of every declaration made so far, and keeps that text (twice) with the snippet for
 * the rest of the session: after n declarations the session holds about n&sup2; import lines (tens of MB
 * after a thousand cells, and growing). Once a snippet is compiled and loaded, only the line structure of that
 * text is still used (to map stack-trace lines back to the cell), so after each evaluation this replaces the
 * import lines by as many empty lines.
 *
 * <p>This reads JShell's internal fields and so needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}
 * (the kernel's JVM options have it); without it, or if a JDK lays out those classes differently, it does
 * nothing and the session simply grows as plain JShell does. Checked on JDK 17 and 25.
 *
 * <pre>{@code
 * List<SnippetEvent> events = js.eval(source);
 * JShellTrim.afterEval(js);
 * }</pre>
 */
final class JShellTrim {

  /** First line of a trimmed import block; marks it so it is not trimmed twice. */
  static final String MARK = "/* imports trimmed */";

  private static volatile boolean disabled;
  private static Field maps;
  private static Field snippets;
  private static Field outer;
  private static Field outerMap;
  private static Field classOuters;
  private static Field wrap;
  private static Field os;
  private static Field wrapped;

  private JShellTrim() {}

  /** Whether trimming works in this JVM (the package is open and the fields are where expected). */
  static boolean available() {
    return init();
  }

  private static synchronized boolean init() {
    if (disabled) {
      return false;
    }
    if (os != null) {
      return true;
    }
    if (!JShell.class.getModule().isOpen("jdk.jshell", JShellTrim.class.getModule())) {
      disabled = true;
      return false;
    }
    try {
      ClassLoader cl = JShell.class.getClassLoader();
      maps = open(JShell.class, "maps");
      outerMap = open(JShell.class, "outerMap");
      snippets = open(Class.forName("jdk.jshell.SnippetMaps", false, cl), "keyIndexToSnippet");
      outer = open(jdk.jshell.Snippet.class, "outer");
      classOuters = open(Class.forName("jdk.jshell.OuterWrapMap", false, cl), "classOuters");
      wrap = open(Class.forName("jdk.jshell.OuterWrap", false, cl), "w");
      Class<?> compound = Class.forName("jdk.jshell.Wrap$CompoundWrap", false, cl);
      wrapped = open(compound, "wrapped");
      os = open(compound, "os");
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      disabled = true;
      return false;
    }
  }

  private static Field open(Class<?> c, String name) throws NoSuchFieldException {
    Field f = c.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  /**
   * Trims the retained import text of every snippet (call it after an evaluation, once its diagnostics were
   * read; stack-trace line mapping keeps working).
   *
   * @return how many wraps were trimmed now
   */
  static int afterEval(JShell js) {
    if (!init()) {
      return 0;
    }
    try {
      List<Object> outers = new ArrayList<>();
      for (Object s : (List<?>) snippets.get(maps.get(js))) {
        if (s != null) {
          outers.add(outer.get(s));
        }
      }
      outers.addAll(((Map<?, ?>) classOuters.get(outerMap.get(js))).values());
      int n = 0;
      for (Object o : outers) {
        if (o != null && trim(wrap.get(o))) {
          n++;
        }
      }
      return n;
    } catch (ReflectiveOperationException | RuntimeException e) {
      disabled = true;
      return 0;
    }
  }

  /** Characters of import text the session's class wraps still hold (0 once all are trimmed); -1 when unavailable. */
  static long retainedImportChars(JShell js) {
    if (!init()) {
      return -1;
    }
    try {
      long n = 0;
      for (Object s : (List<?>) snippets.get(maps.get(js))) {
        Object o = s == null ? null : outer.get(s);
        Object w = o == null ? null : wrap.get(o);
        if (w != null && w.getClass().getName().equals("jdk.jshell.Wrap$CompoundWrap")
            && ((Object[]) os.get(w))[0] instanceof String head && !head.startsWith(MARK)) {
          int classLine = head.lastIndexOf("\nclass ");
          n += Math.max(0, classLine);
        }
      }
      return n;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  /** Replaces the import lines of one class wrap; false when it is not one or was trimmed already. */
  private static boolean trim(Object w) throws IllegalAccessException {
    if (w == null || !w.getClass().getName().equals("jdk.jshell.Wrap$CompoundWrap")) {
      return false;
    }
    Object[] parts = (Object[]) os.get(w);
    if (parts.length == 0 || !(parts[0] instanceof String head) || head.startsWith(MARK)) {
      return false;
    }
    int classLine = head.lastIndexOf("\nclass ");
    if (classLine < 0) {
      return false;
    }
    String imports = head.substring(0, classLine + 1);
    int lines = 0;
    for (int i = 0; i < imports.length(); i++) {
      if (imports.charAt(i) == '\n') {
        lines++;
      }
    }
    if (lines < 2) {
      return false;
    }
    String shortHead = MARK + "\n".repeat(lines) + head.substring(classLine + 1);
    Object[] copy = parts.clone();
    copy[0] = shortHead;
    String oldWrapped = (String) wrapped.get(w);
    String newWrapped = shortHead + oldWrapped.substring(head.length());
    os.set(w, copy);
    wrapped.set(w, newWrapped);
    return true;
  }
}
