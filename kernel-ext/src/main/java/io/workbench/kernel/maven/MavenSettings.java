package io.workbench.kernel.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Repository;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * The user's Maven settings as {@code mvn} reads them ({@code ~/.m2/settings.xml}, merged over the global
 * {@code $MAVEN_HOME/conf/settings.xml} when there is one): the local repository, offline mode, mirrors, proxies,
 * server credentials and the repositories of active profiles. Encrypted passwords ({@code {...}}) are decrypted as
 * Maven does, with the master password of {@code settings-security.xml} (beside the settings file, else the file in
 * the system property {@code settings.security}, else {@code ~/.m2/settings-security.xml}).
 *
 * <pre>{@code
 * MavenSettings s = MavenSettings.read(Path.of(System.getProperty("user.home"), ".m2", "settings.xml"));
 * s.localRepository();   // ~/.m2/repository unless <localRepository> says otherwise
 * }</pre>
 */
public final class MavenSettings {

  private final Path file;
  private final Settings settings;

  private MavenSettings(Path file, Settings settings) {
    this.file = file;
    this.settings = settings;
  }

  /**
   * Reads (and interpolates) a user settings file; a missing file gives Maven's defaults.
   *
   * @throws IllegalArgumentException naming the file and the line of the first error when it cannot be parsed
   */
  public static MavenSettings read(Path userSettings) {
    DefaultSettingsBuildingRequest req = new DefaultSettingsBuildingRequest();
    if (userSettings != null && Files.isRegularFile(userSettings)) {
      req.setUserSettingsFile(userSettings.toFile());
    }
    String home = System.getenv("MAVEN_HOME") != null ? System.getenv("MAVEN_HOME") : System.getProperty("maven.home");
    if (home != null && Files.isRegularFile(Path.of(home, "conf", "settings.xml"))) {
      req.setGlobalSettingsFile(Path.of(home, "conf", "settings.xml").toFile());
    }
    Properties sys = new Properties();
    sys.putAll(System.getProperties());
    System.getenv().forEach((k, v) -> sys.setProperty("env." + k, v));
    req.setSystemProperties(sys);
    try {
      Settings settings = new DefaultSettingsBuilderFactory().newInstance().build(req).getEffectiveSettings();
      decrypt(settings, userSettings);
      return new MavenSettings(userSettings, settings);
    } catch (SettingsBuildingException e) {
      SettingsProblem p = e.getProblems().isEmpty() ? null : e.getProblems().get(0);
      throw new IllegalArgumentException("Cannot read the Maven settings " + userSettings
          + (p == null ? ": " + e.getMessage() : " (line " + p.getLineNumber() + "): " + p.getMessage()), e);
    }
  }

  /** Replaces encrypted server and proxy passwords by their plain text (Maven's settings decrypter). */
  private static void decrypt(Settings settings, Path userSettings) {
    boolean encrypted = settings.getServers().stream().anyMatch(v -> isEncrypted(v.getPassword())
        || isEncrypted(v.getPassphrase())) || settings.getProxies().stream().anyMatch(p -> isEncrypted(p.getPassword()));
    if (!encrypted) {
      return;
    }
    Path beside = userSettings == null ? null : userSettings.toAbsolutePath().resolveSibling("settings-security.xml");
    String security = beside != null && Files.isRegularFile(beside) ? beside.toString()
        : System.getProperty("settings.security",
            Path.of(System.getProperty("user.home"), ".m2", "settings-security.xml").toString());
    SettingsDecryptionResult r = new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(),
        java.util.Map.of(), security)).decrypt(new DefaultSettingsDecryptionRequest(settings));
    if (!r.getProblems().isEmpty()) {
      throw new IllegalArgumentException("Cannot decrypt a password in the Maven settings " + userSettings + " with "
          + security + ": " + r.getProblems().get(0).getMessage());
    }
    settings.setServers(r.getServers());
    settings.setProxies(r.getProxies());
  }

  private static boolean isEncrypted(String s) {
    return s != null && s.strip().startsWith("{") && s.strip().endsWith("}");
  }

  /** The (decrypted) password of a {@code <server>}, or null. */
  String serverPassword(String id) {
    return settings.getServers().stream().filter(v -> id.equals(v.getId())).map(Server::getPassword).findFirst()
        .orElse(null);
  }

  /** The settings file read (may not exist). */
  public Path file() {
    return file;
  }

  /** {@code <localRepository>}, else {@code ~/.m2/repository}. */
  public Path localRepository() {
    String local = settings.getLocalRepository();
    return local != null && !local.isBlank() ? Path.of(local)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** {@code <offline>}: never use the network. */
  public boolean offline() {
    return settings.isOffline();
  }

  /** The mirrors ({@code <mirrorOf>} patterns as Maven reads them). */
  MirrorSelector mirrors() {
    DefaultMirrorSelector s = new DefaultMirrorSelector();
    for (Mirror m : settings.getMirrors()) {
      s.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
    }
    return s;
  }

  /** The active proxies. */
  ProxySelector proxies() {
    DefaultProxySelector s = new DefaultProxySelector();
    for (Proxy p : settings.getProxies()) {
      if (!p.isActive()) {
        continue;
      }
      AuthenticationBuilder auth = new AuthenticationBuilder();
      if (p.getUsername() != null) {
        auth.addUsername(p.getUsername()).addPassword(p.getPassword());
      }
      s.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth.build()),
          p.getNonProxyHosts());
    }
    return s;
  }

  /** Credentials of {@code <server>} entries, by repository (or mirror) id. */
  AuthenticationSelector servers() {
    DefaultAuthenticationSelector s = new DefaultAuthenticationSelector();
    for (Server server : settings.getServers()) {
      AuthenticationBuilder auth = new AuthenticationBuilder();
      if (server.getUsername() != null) {
        auth.addUsername(server.getUsername()).addPassword(server.getPassword());
      }
      if (server.getPrivateKey() != null) {
        auth.addPrivateKey(server.getPrivateKey(), server.getPassphrase());
      }
      s.add(server.getId(), auth.build());
    }
    return s;
  }

  /** Repositories of the profiles that are active (by {@code <activeProfiles>} or {@code activeByDefault}). */
  List<RemoteRepository> profileRepositories() {
    List<RemoteRepository> out = new ArrayList<>();
    List<String> active = settings.getActiveProfiles();
    for (Profile p : settings.getProfiles()) {
      boolean on = active.contains(p.getId())
          || (p.getActivation() != null && p.getActivation().isActiveByDefault());
      if (!on) {
        continue;
      }
      for (Repository r : p.getRepositories()) {
        out.add(new RemoteRepository.Builder(r.getId(), r.getLayout() == null ? "default" : r.getLayout(), r.getUrl())
            .build());
      }
    }
    return out;
  }
}
