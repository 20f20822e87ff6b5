package io.workbench.kernel;

import java.util.regex.Pattern;

/**
 * JShell's internal names in messages turned back into the names the user wrote: a variable declared in a cell
 * lives in a generated class, so a helpful {@code NullPointerException} reads {@code because "REPL.$JShell$30.o"
 * is null}; here it reads {@code because "o" is null}. Classes declared in cells ({@code REPL.$JShell$12$Point})
 * become {@code Point}.
 *
 * <pre>{@code
 * UserNames.rewrite("Cannot invoke \"Object.toString()\" because \"REPL.$JShell$30.o\" is null");
 * // Cannot invoke "Object.toString()" because "o" is null
 * }</pre>
 */
final class UserNames {

  /** A generated wrapper class followed by the member or nested class the user named. */
  private static final Pattern MEMBER = Pattern.compile("(?:REPL\\.)?\\$JShell\\$\\d+[$.](?=[\\p{L}_$])");
  /** A generated wrapper class on its own. */
  private static final Pattern WRAPPER = Pattern.compile("(?:REPL\\.)?\\$JShell\\$\\d+(?![\\w$])");

  private UserNames() {}

  /** The text with JShell's generated class names removed. */
  static String rewrite(String text) {
    if (text == null || !text.contains("$JShell$")) {
      return text;
    }
    String s = MEMBER.matcher(text).replaceAll("");
    return WRAPPER.matcher(s).replaceAll("cell");
  }
}
