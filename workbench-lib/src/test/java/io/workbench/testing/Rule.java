package io.workbench.testing;

import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.DynamicTest;

/**
 * One named rule of a contract suite: a check over a case (a model, a trainer or an explainer under test) and
 * the cases it applies to. A check fails with an {@link AssertionError} that says what broke; the suites run
 * each applicable rule as one JUnit dynamic test, and the self-tests run one rule on a deliberately broken
 * implementation and expect that error.
 *
 * <pre>{@code
 * Rule<ModelCase<?>> batch = ModelContract.BATCH_EQUALS_ROWS;
 * batch.check(myCase);                          // throws AssertionError when the rule is broken
 * DynamicTest t = batch.test(myCase);           // the same, as a JUnit dynamic test named after the rule
 * }</pre>
 *
 * @param <C> the kind of case
 * @param name what the rule says, as a sentence (the dynamic test's name)
 * @param appliesTo which cases the rule is for (a capability rule only for models that offer it)
 * @param body the check
 */
public record Rule<C>(String name, Predicate<? super C> appliesTo, Check<? super C> body) {

  /** The body of a rule: fails with an {@link AssertionError} when the case breaks it. */
  @FunctionalInterface
  public interface Check<C> {
    /**
     * Checks one case.
     *
     * @param c the case under test
     * @throws Exception anything else the case threw, which fails the rule too
     */
    void check(C c) throws Exception;
  }

  /** Checks the parts. */
  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(appliesTo, "appliesTo");
    Objects.requireNonNull(body, "body");
  }

  /** A rule for every case. */
  public static <C> Rule<C> of(String name, Check<? super C> body) {
    return new Rule<>(name, c -> true, body);
  }

  /** The same rule, only for the cases {@code p} accepts. */
  public Rule<C> when(Predicate<? super C> p) {
    Predicate<? super C> before = appliesTo;
    return new Rule<>(name, c -> before.test(c) && p.test(c), body);
  }

  /** Whether the rule is for case {@code c}. */
  public boolean applies(C c) {
    return appliesTo.test(c);
  }

  /**
   * Runs the rule on {@code c}.
   *
   * @throws AssertionError when {@code c} breaks it (an exception of the case becomes the error's cause)
   */
  public void check(C c) {
    try {
      body.check(c);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(name + ": " + c + " threw " + e, e);
    }
  }

  /** The rule on {@code c} as a JUnit dynamic test named after the rule. */
  public DynamicTest test(C c) {
    return DynamicTest.dynamicTest(name, () -> check(c));
  }

  @Override
  public String toString() {
    return name;
  }
}
