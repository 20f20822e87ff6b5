package io.workbench.kernel;

import io.workbench.kernel.maven.MavenDependencies;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code %maven}, {@code %mavenRepo} and {@code %%loadFromPOM} as IJava defines them, resolved by {@link
 * MavenDependencies} (Apache Maven Resolver, the user's {@code ~/.m2/settings.xml}, offline first) and added to the
 * session's class path. The resolver is created on the first use, so a kernel that never uses these magics never
 * loads it.
 *
 * <pre>{@code
 * %maven org.apache.commons:commons-csv:1.10.0 com.google.guava:guava:33.0.0-jre
 * %mavenRepo team https://maven.example.org/releases
 * %%loadFromPOM
 * <dependency><groupId>org.apache.commons</groupId><artifactId>commons-csv</artifactId><version>1.10.0</version></dependency>
 * }</pre>
 */
final class MavenMagics {

  private final Magics magics;
  private MavenDependencies maven;

  private MavenMagics(Magics magics) {
    this.magics = magics;
  }

  /** Registers the three magics. */
  static void register(Magics magics) {
    MavenMagics m = new MavenMagics(magics);
    magics.line("maven", m::maven);
    magics.line("mavenRepo", m::mavenRepo);
    magics.cell("loadFromPOM", (args, body) -> m.loadFromPom(body));
  }

  private synchronized MavenDependencies resolver() throws CellError {
    if (maven == null) {
      try {
        maven = MavenDependencies.forClassPath(ClassPath.current());
      } catch (IllegalArgumentException e) {
        throw Magics.magicError(e.getMessage());
      }
    }
    return maven;
  }

  private Object[] maven(String args) throws CellError {
    List<String> coords = Magics.split(args);
    if (coords.isEmpty()) {
      throw Magics.magicError("%maven needs coordinates group:artifact:version, for example %maven"
          + " org.apache.commons:commons-csv:1.10.0");
    }
    MavenDependencies m = resolver();
    MavenDependencies.Resolution r;
    try {
      r = m.resolve(coords);
    } catch (IllegalArgumentException e) {
      throw Magics.magicError("%maven: " + e.getMessage());
    }
    return add("%maven", r);
  }

  private Object[] mavenRepo(String args) throws CellError {
    List<String> a = Magics.split(args);
    if (a.size() != 2) {
      throw Magics.magicError("%mavenRepo needs an id and a URL, for example %mavenRepo team"
          + " https://maven.example.org/releases; got " + a.size() + " argument(s)");
    }
    try {
      resolver().addRepository(a.get(0), a.get(1));
    } catch (IllegalArgumentException e) {
      throw Magics.magicError(e.getMessage());
    }
    System.out.println("Maven repositories: " + String.join(", ", resolver().repositories()));
    return null;
  }

  private Object[] loadFromPom(String body) throws CellError {
    MavenDependencies.Resolution r;
    try {
      r = resolver().resolvePom(body);
    } catch (IllegalArgumentException e) {
      throw Magics.magicError(e.getMessage().startsWith("%%") ? e.getMessage() : "%%loadFromPOM: " + e.getMessage());
    }
    return add("%%loadFromPOM", r);
  }

  private Object[] add(String magic, MavenDependencies.Resolution r) throws CellError {
    System.out.println(r.report());
    if (!r.jars().isEmpty()) {
      magics.addToClasspath(magic, List.copyOf(r.jars().stream().map(Path::toAbsolutePath).toList()));
    }
    System.out.flush();
    return null;
  }
}
