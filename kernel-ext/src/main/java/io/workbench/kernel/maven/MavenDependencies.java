package io.workbench.kernel.maven;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectResult;
import org.eclipse.aether.collection.DependencyCollectionContext;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.graph.transformer.ConflictResolver;

/**
 * Resolves Maven coordinates and POM fragments into jars for the kernel's class path, with Apache Maven Resolver
 * and the user's Maven settings ({@link MavenSettings}): mirrors, proxies and credentials honoured; transitive
 * runtime dependencies, version conflicts settled as Maven does (nearest wins) and reported; artifacts already on
 * the kernel's class path (or loaded earlier in the session) left out, so no class is loaded twice.
 *
 * <p><b>Offline first.</b> Every request is first resolved offline, from the local repository and {@code file:}
 * repositories only; the network is used only when that fails, the settings are not {@code <offline>} and the
 * kernel allows it (it does unless the system property {@code workbench.maven.offline} is {@code true}).
 *
 * <pre>{@code
 * MavenDependencies maven = new MavenDependencies(MavenSettings.read(settingsXml), Map.of(), true);
 * maven.addRepository("team", "file:///srv/maven");
 * MavenDependencies.Resolution r = maven.resolve(List.of("org.apache.commons:commons-csv:1.10.0"));
 * r.jars();      // the jars to add to the class path
 * r.report();    // what was resolved, from where, what was left out, which versions conflicted
 * }</pre>
 */
public final class MavenDependencies {

  /** Maven Central, the default remote repository. */
  public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  private final MavenSettings settings;
  private final Map<String, String> kernel;
  private final boolean networkAllowed;
  private final RepositorySystem system;
  private final List<RemoteRepository> repositories = new ArrayList<>();
  private final Map<String, String> loaded = new LinkedHashMap<>();

  /**
   * @param settings the user's Maven settings
   * @param kernelArtifacts {@code group:artifact} to version of what is on the kernel's class path already
   * @param networkAllowed whether a request that fails offline may use the network (when the settings allow it)
   */
  public MavenDependencies(MavenSettings settings, Map<String, String> kernelArtifacts, boolean networkAllowed) {
    this.settings = settings;
    this.kernel = Map.copyOf(kernelArtifacts);
    this.networkAllowed = networkAllowed;
    this.system = new RepositorySystemSupplier().get();
    repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
    repositories.addAll(settings.profileRepositories());
  }

  /** For a kernel: {@code ~/.m2/settings.xml} (or the file named by {@code workbench.maven.settings}). */
  public static MavenDependencies forClassPath(List<Path> classPath) {
    String file = System.getProperty("workbench.maven.settings");
    Path settings = file != null ? Path.of(file) : Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    return new MavenDependencies(MavenSettings.read(settings), KernelArtifacts.of(classPath),
        !Boolean.getBoolean("workbench.maven.offline"));
  }

  /** The settings in use. */
  public MavenSettings settings() {
    return settings;
  }

  /**
   * Adds a remote repository for the following requests ({@code %mavenRepo id url}); a repository with the same
   * id is replaced.
   *
   * @throws IllegalArgumentException for a blank id or a URL that is not {@code http(s)://} or {@code file:}
   */
  public void addRepository(String id, String url) {
    if (id == null || id.isBlank() || url == null || url.isBlank()) {
      throw new IllegalArgumentException("%mavenRepo needs an id and a URL, for example %mavenRepo team"
          + " https://maven.example.org/releases");
    }
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://") && !lower.startsWith("file:")) {
      throw new IllegalArgumentException("%mavenRepo " + id + ": the URL must start with https://, http:// or file:,"
          + " got " + url);
    }
    repositories.removeIf(r -> r.getId().equals(id));
    repositories.add(new RemoteRepository.Builder(id, "default", url).build());
  }

  /** The remote repositories requests go to (before mirrors). */
  public List<String> repositories() {
    List<String> out = new ArrayList<>();
    for (RemoteRepository r : repositories) {
      out.add(r.getId() + " (" + r.getUrl() + ")");
    }
    return out;
  }

  /** What a request gave. */
  public record Resolution(List<Path> jars, String report) {}

  /**
   * Resolves coordinates {@code group:artifact[:extension[:classifier]]:version} with their transitive runtime
   * dependencies.
   *
   * @throws IllegalArgumentException for malformed coordinates, or when an artifact cannot be found: the message
   *     names its coordinates and every repository tried
   */
  public Resolution resolve(List<String> coordinates) {
    if (coordinates == null || coordinates.isEmpty()) {
      throw new IllegalArgumentException("%maven needs coordinates, for example %maven"
          + " org.apache.commons:commons-csv:1.10.0");
    }
    List<Dependency> deps = new ArrayList<>();
    for (String c : coordinates) {
      deps.add(new Dependency(artifact(c), "runtime"));
    }
    return resolve(deps, List.of(), List.of());
  }

  /**
   * Resolves the dependencies of a POM fragment ({@code %%loadFromPOM}): a whole {@code <project>}, or {@code
   * <dependencies>}, {@code <dependency>}, {@code <repositories>}, {@code <repository>}, {@code <properties>} and
   * {@code <dependencyManagement>} elements, which are wrapped into one. Its repositories are used for this request;
   * {@code ${property}} references are replaced from its {@code <properties>}; scopes {@code compile} and {@code
   * runtime} are loaded ({@code test} and {@code provided} are not); exclusions are honoured.
   *
   * @throws IllegalArgumentException naming the line for XML that is not a POM, or as {@link #resolve(List)}
   */
  public Resolution resolvePom(String xml) {
    if (xml == null || xml.isBlank()) {
      throw new IllegalArgumentException("%%loadFromPOM needs a POM or <dependency> elements in the cell");
    }
    String body = xml.strip();
    if (!body.contains("<project")) {
      body = wrap(body, "dependency", "dependencies");
      body = wrap(body, "repository", "repositories");
      body = "<project><modelVersion>4.0.0</modelVersion><groupId>notebook</groupId><artifactId>cell</artifactId>"
          + "<version>0</version>" + body + "</project>";
    }
    Model model;
    try {
      model = new MavenXpp3Reader().read(new StringReader(body), false);
    } catch (XmlPullParserException e) {
      throw new IllegalArgumentException("%%loadFromPOM: not a POM (line " + e.getLineNumber() + "): "
          + e.getMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("%%loadFromPOM: " + e.getMessage(), e);
    }
    Map<String, String> props = new LinkedHashMap<>();
    model.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
    List<Dependency> deps = new ArrayList<>();
    for (org.apache.maven.model.Dependency d : model.getDependencies()) {
      String scope = d.getScope() == null ? "compile" : d.getScope();
      if (!scope.equals("compile") && !scope.equals("runtime")) {
        continue;
      }
      deps.add(dependency(d, props, scope));
    }
    if (deps.isEmpty()) {
      throw new IllegalArgumentException("%%loadFromPOM: the POM has no compile or runtime <dependency>");
    }
    List<Dependency> managed = new ArrayList<>();
    if (model.getDependencyManagement() != null) {
      for (org.apache.maven.model.Dependency d : model.getDependencyManagement().getDependencies()) {
        managed.add(dependency(d, props, d.getScope() == null ? "compile" : d.getScope()));
      }
    }
    List<RemoteRepository> extra = new ArrayList<>();
    for (org.apache.maven.model.Repository r : model.getRepositories()) {
      extra.add(new RemoteRepository.Builder(r.getId(), "default", interpolate(r.getUrl(), props)).build());
    }
    return resolve(deps, managed, extra);
  }

  /** Puts bare {@code <element>}s (first to last) into one {@code <list>} when the fragment has no list. */
  private static String wrap(String body, String element, String list) {
    int first = body.indexOf("<" + element + ">");
    if (first < 0 || body.contains("<" + list + ">")) {
      return body;
    }
    int end = body.lastIndexOf("</" + element + ">");
    if (end < first) {
      return body;
    }
    end += element.length() + 3;
    return body.substring(0, first) + "<" + list + ">" + body.substring(first, end) + "</" + list + ">"
        + body.substring(end);
  }

  private static Dependency dependency(org.apache.maven.model.Dependency d, Map<String, String> props, String scope) {
    String type = d.getType() == null ? "jar" : d.getType();
    String version = interpolate(d.getVersion(), props);
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("%%loadFromPOM: " + d.getGroupId() + ":" + d.getArtifactId()
          + " has no <version> (and no ${property} that gives one)");
    }
    List<Exclusion> ex = new ArrayList<>();
    for (org.apache.maven.model.Exclusion e : d.getExclusions()) {
      ex.add(new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*"));
    }
    Artifact a = new DefaultArtifact(interpolate(d.getGroupId(), props), interpolate(d.getArtifactId(), props),
        d.getClassifier(), type.equals("test-jar") ? "jar" : type, version);
    return new Dependency(a, scope, d.isOptional(), ex);
  }

  private static String interpolate(String s, Map<String, String> props) {
    if (s == null) {
      return null;
    }
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = props.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("%%loadFromPOM: ${" + m.group(1) + "} is not defined in <properties>");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  static Artifact artifact(String coordinates) {
    try {
      return new DefaultArtifact(coordinates.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("%maven: '" + coordinates + "' is not group:artifact:version (or"
          + " group:artifact:extension:classifier:version)", e);
    }
  }

  private Resolution resolve(List<Dependency> deps, List<Dependency> managed, List<RemoteRepository> extra) {
    List<String> report = new ArrayList<>();
    List<Dependency> wanted = new ArrayList<>();
    for (Dependency d : deps) {
      String key = key(d.getArtifact());
      if (kernel.containsKey(key)) {
        report.add("already on the kernel's class path, not loaded again: " + key + " " + kernel.get(key)
            + (kernel.get(key).equals(d.getArtifact().getVersion()) ? "" : " (asked " + d.getArtifact().getVersion() + ")"));
      } else {
        wanted.add(d);
      }
    }
    if (wanted.isEmpty()) {
      return new Resolution(List.of(), String.join("\n", report));
    }
    List<RemoteRepository> repos = new ArrayList<>(repositories);
    for (RemoteRepository r : extra) {
      repos.removeIf(x -> x.getId().equals(r.getId()));
      repos.add(r);
    }
    Attempt offline = attempt(wanted, managed, repos, true);
    Attempt used = offline;
    if (offline.error != null) {
      if (settings.offline() || !networkAllowed) {
        throw notFound(offline, settings.offline() ? "the Maven settings say <offline>" : "the network is off"
            + " (workbench.maven.offline)");
      }
      used = attempt(wanted, managed, repos, false);
      if (used.error != null) {
        throw notFound(used, null);
      }
    }
    List<Path> jars = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> earlier = new ArrayList<>();
    for (ArtifactResult r : used.artifacts) {
      Artifact a = r.getArtifact();
      String key = key(a);
      String before = loaded.get(key);
      if (before != null) {
        if (!before.equals(a.getVersion())) {
          earlier.add(key + " " + before + " (now asked " + a.getVersion() + "; restart the kernel to switch)");
        }
        continue;
      }
      loaded.put(key, a.getVersion());
      jars.add(a.getPath());
      added.add(a.getArtifactId() + "-" + a.getVersion() + (a.getClassifier().isEmpty() ? "" : "-" + a.getClassifier())
          + "." + a.getExtension());
    }
    report.add(0, "resolved " + used.requested + (used == offline ? " offline (local repository " + settings
        .localRepository() + " and file: repositories)" : " from the network") + ": " + (added.isEmpty()
        ? "nothing new" : String.join(", ", added)));
    if (!used.skipped.isEmpty()) {
      report.add("already on the kernel's class path, not loaded again: " + String.join(", ", used.skipped));
    }
    if (!earlier.isEmpty()) {
      report.add("loaded earlier in this session: " + String.join(", ", earlier));
    }
    if (!used.conflicts.isEmpty()) {
      report.add("version conflicts (the nearest wins, as in Maven): " + String.join("; ", used.conflicts));
    }
    return new Resolution(jars, String.join("\n", report));
  }

  private static String key(Artifact a) {
    return a.getGroupId() + ":" + a.getArtifactId();
  }

  /** One resolution try, offline or online. */
  private static final class Attempt {
    String requested;
    List<ArtifactResult> artifacts = List.of();
    Set<String> skipped = new LinkedHashSet<>();
    List<String> conflicts = new ArrayList<>();
    List<RemoteRepository> tried = List.of();
    Exception error;
    boolean offline;
  }

  private Attempt attempt(List<Dependency> deps, List<Dependency> managed, List<RemoteRepository> repos,
      boolean offline) {
    Attempt at = new Attempt();
    at.offline = offline;
    List<String> names = new ArrayList<>();
    for (Dependency d : deps) {
      names.add(d.getArtifact().toString());
    }
    at.requested = String.join(", ", names);
    SessionBuilderSupplier defaults = new SessionBuilderSupplier(system);
    RepositorySystemSession.SessionBuilder b = defaults.get()
        .withLocalRepositoryBaseDirectories(settings.localRepository())
        .setOffline(offline)
        .setSystemProperties(System.getProperties())
        .setMirrorSelector(settings.mirrors())
        .setProxySelector(settings.proxies())
        .setAuthenticationSelector(settings.servers())
        .setConfigProperty("aether.offline.protocols", "file")
        .setConfigProperty(ConflictResolver.CONFIG_PROP_VERBOSE, ConflictResolver.Verbosity.STANDARD)
        .setDependencySelector(new KernelProvided(defaults.getDependencySelector(), kernel, at.skipped));
    try (RepositorySystemSession.CloseableSession session = b.build()) {
      at.tried = system.newResolutionRepositories(session, repos);
      CollectRequest collect = new CollectRequest();
      collect.setDependencies(deps);
      collect.setManagedDependencies(managed);
      collect.setRepositories(at.tried);
      CollectResult graph = system.collectDependencies(session, collect);
      conflicts(graph.getRoot(), null, at.conflicts, new LinkedHashSet<>());
      DependencyFilter winners = (node, parents) -> node.getData().get(ConflictResolver.NODE_DATA_WINNER) == null;
      DependencyFilter filter = DependencyFilterUtils.andFilter(DependencyFilterUtils.classpathFilter("runtime"),
          winners);
      at.artifacts = system.resolveDependencies(session, new DependencyRequest(graph.getRoot(), filter))
          .getArtifactResults();
    } catch (DependencyCollectionException | DependencyResolutionException e) {
      at.error = e;
    }
    return at;
  }

  /** Losers of version conflicts, each with who asked for it and the winning version. */
  private static void conflicts(DependencyNode node, DependencyNode parent, List<String> out, Set<String> seen) {
    Object winner = node.getData().get(ConflictResolver.NODE_DATA_WINNER);
    if (winner instanceof DependencyNode w && node.getArtifact() != null && w.getArtifact() != null
        && !w.getArtifact().getVersion().equals(node.getArtifact().getVersion())) {
      String line = key(node.getArtifact()) + " " + node.getArtifact().getVersion() + " (wanted by "
          + (parent == null || parent.getArtifact() == null ? "the request" : parent.getArtifact().toString())
          + ") lost to " + w.getArtifact().getVersion();
      if (seen.add(line)) {
        out.add(line);
      }
    }
    for (DependencyNode child : node.getChildren()) {
      conflicts(child, node, out, seen);
    }
  }

  private IllegalArgumentException notFound(Attempt at, String why) {
    Throwable root = at.error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    List<String> tried = new ArrayList<>();
    tried.add("local " + settings.localRepository());
    for (RemoteRepository r : at.tried) {
      tried.add(r.getId() + " (" + r.getUrl() + ")" + (r.getMirroredRepositories().isEmpty() ? ""
          : " mirroring " + r.getMirroredRepositories().stream().map(RemoteRepository::getId).toList()));
    }
    String detail = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getMessage().lines().findFirst().orElse("");
    return new IllegalArgumentException("cannot resolve " + at.requested + (at.offline ? " offline" : "") + ": "
        + detail + "; repositories tried: " + tried + (why == null ? "" : "; not trying the network: " + why),
        at.error);
  }

  /** Leaves out (and records) dependencies that the kernel's class path has already. */
  private static final class KernelProvided implements DependencySelector {
    private final DependencySelector inner;
    private final Map<String, String> kernel;
    private final Set<String> skipped;

    KernelProvided(DependencySelector inner, Map<String, String> kernel, Set<String> skipped) {
      this.inner = inner;
      this.kernel = kernel;
      this.skipped = skipped;
    }

    @Override
    public boolean selectDependency(Dependency dependency) {
      String key = key(dependency.getArtifact());
      if (kernel.containsKey(key)) {
        synchronized (skipped) {
          skipped.add(key + " " + kernel.get(key) + (kernel.get(key).equals(dependency.getArtifact().getVersion())
              ? "" : " (asked " + dependency.getArtifact().getVersion() + ")"));
        }
        return false;
      }
      return inner.selectDependency(dependency);
    }

    @Override
    public DependencySelector deriveChildSelector(DependencyCollectionContext context) {
      DependencySelector child = inner.deriveChildSelector(context);
      return child == inner ? this : new KernelProvided(child, kernel, skipped);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KernelProvided k && k.inner.equals(inner) && k.kernel.equals(kernel);
    }

    @Override
    public int hashCode() {
      return inner.hashCode() * 31 + kernel.hashCode();
    }
  }
}
