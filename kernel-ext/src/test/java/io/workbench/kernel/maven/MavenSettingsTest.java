package io.workbench.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/** Settings as Maven reads them: encrypted server passwords, mirrors, profiles' repositories, errors. */
class MavenSettingsTest {

  @TempDir
  Path tmp;

  @Test
  void encryptedPasswordsAreDecryptedWithTheMasterPassword() throws Exception {
    DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    // Maven's scheme: the master password is encrypted with "settings.security", server passwords with the master
    String master = cipher.encryptAndDecorate("master-secret", "settings.security");
    String server = cipher.encryptAndDecorate("s3cret", "master-secret");
    Files.writeString(tmp.resolve("settings-security.xml"), "<settingsSecurity><master>" + master
        + "</master></settingsSecurity>");
    Path settings = tmp.resolve("settings.xml");
    Files.writeString(settings, "<settings><servers><server><id>team</id><username>ann</username><password>" + server
        + "</password></server><server><id>plain</id><username>bob</username><password>clear</password></server>"
        + "</servers></settings>");
    MavenSettings s = MavenSettings.read(settings);
    assertEquals("s3cret", s.serverPassword("team"));
    assertEquals("clear", s.serverPassword("plain"));

    Files.writeString(tmp.resolve("settings-security.xml"), "<settingsSecurity><master>"
        + cipher.encryptAndDecorate("another-master", "settings.security") + "</master></settingsSecurity>");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenSettings.read(settings));
    assertTrue(e.getMessage().contains("Cannot decrypt") && e.getMessage().contains("settings.xml"), e.getMessage());
  }

  @Test
  void activeProfilesAddRepositoriesAndBadXmlNamesTheLine() throws Exception {
    Path settings = tmp.resolve("settings.xml");
    Files.writeString(settings, "<settings><localRepository>" + tmp.resolve("local") + "</localRepository>"
        + "<profiles><profile><id>team</id><repositories><repository><id>team-repo</id><url>https://maven.example.org/r"
        + "</url></repository></repositories></profile><profile><id>idle</id><repositories><repository><id>idle-repo"
        + "</id><url>https://idle.example.org/r</url></repository></repositories></profile></profiles>"
        + "<activeProfiles><activeProfile>team</activeProfile></activeProfiles></settings>");
    MavenSettings s = MavenSettings.read(settings);
    List<RemoteRepository> repos = s.profileRepositories();
    assertEquals(List.of("team-repo"), repos.stream().map(RemoteRepository::getId).toList());
    assertEquals(tmp.resolve("local"), s.localRepository());
    Files.writeString(settings, "<settings>\n<offline>true</offlin>\n</settings>");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenSettings.read(settings));
    assertTrue(e.getMessage().contains(settings.toString()) && e.getMessage().contains("line 2"), e.getMessage());
    assertEquals(Path.of(System.getProperty("user.home"), ".m2", "repository"),
        MavenSettings.read(tmp.resolve("none.xml")).localRepository(), "a missing file gives Maven's defaults");
  }
}
