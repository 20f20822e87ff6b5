package io.workbench.kernel.doc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Javadoc comment as plain text: its first sentence, its whole description (paragraphs, lists and
 * {@code <pre>} blocks kept as text), the {@code @param}, {@code @return} and {@code @throws} tags, and an
 * example (the first {@code <pre>} block or snippet of the description).
 *
 * <pre>{@code
 * Doc d = DocComments.parse(" Adds two numbers.\n @param a the first\n @return the sum");
 * d.summary();   // "Adds two numbers."
 * }</pre>
 *
 * @param summary the first sentence
 * @param body the whole description
 * @param params the parameters, in order (type parameters as {@code <T>})
 * @param returns what is returned, or empty
 * @param exceptions the exceptions thrown and when
 * @param example the first code block of the description, or empty
 * @param deprecated why and what instead, or empty when not deprecated
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Doc(String summary, String body, List<Tag> params, String returns, List<Tag> exceptions,
    String example, String deprecated) {

  /** A documented name (parameter or exception) and its text. */
  public record Tag(String name, String text) {}

  /** Missing parts become empty, lists are copied. */
  public Doc {
    summary = summary == null ? "" : summary;
    body = body == null ? "" : body;
    params = params == null ? List.of() : List.copyOf(params);
    returns = returns == null ? "" : returns;
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    example = example == null ? "" : example;
    deprecated = deprecated == null ? "" : deprecated;
  }

  /** A comment with nothing in it. */
  static final Doc EMPTY = new Doc("", "", List.of(), "", List.of(), "", "");

  /** Whether the comment says nothing (absent, or only {@code {@inheritDoc}}). */
  boolean isEmpty() {
    return summary.isBlank() && body.isBlank() && params.isEmpty() && returns.isBlank() && exceptions.isEmpty();
  }
}
