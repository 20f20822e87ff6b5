package io.workbench.kernel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What notebook cells call (imported statically in every session), as in IJava: {@code display(x)} shows
 * a value now and returns its display id, {@code updateDisplay(id, x)} replaces it in place. MIME types
 * may be named, for example {@code display(chart, "image/svg+xml")}.
 *
 * <pre>{@code
 * String id = display(table);
 * updateDisplay(id, table.where(table.numberColumn("age").isGreaterThan(40)));
 * }</pre>
 */
public final class Display {

  private Display() {}

  /** Shows the value with its default MIME types; returns the display id. */
  public static String display(Object value) {
    return kernel().displayValue(value, Set.of());
  }

  /** Shows the value as the given MIME types (text/plain is always added); returns the display id. */
  public static String display(Object value, String... mimeTypes) {
    return kernel().displayValue(value, mimes(mimeTypes));
  }

  /** Replaces what the display with this id shows. */
  public static void updateDisplay(String id, Object value) {
    kernel().updateDisplay(id, value, Set.of());
  }

  /** Replaces what the display with this id shows, as the given MIME types. */
  public static void updateDisplay(String id, Object value, String... mimeTypes) {
    kernel().updateDisplay(id, value, mimes(mimeTypes));
  }

  private static Set<String> mimes(String[] types) {
    return new LinkedHashSet<>(List.of(types));
  }

  private static WorkbenchKernel kernel() {
    WorkbenchKernel k = WorkbenchKernel.active();
    if (k == null) {
      throw new IllegalStateException("display(...) needs the notebook kernel; in JShell use show(...)");
    }
    return k;
  }
}
