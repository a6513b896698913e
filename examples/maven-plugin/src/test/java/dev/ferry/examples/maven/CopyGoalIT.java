package dev.ferry.examples.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.manifest.ImageManifest;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.Platform;
import dev.ferry.registry.RegistryClient;
import dev.ferry.testing.EmbeddedRegistry;
import dev.ferry.testing.TestImage;
import dev.ferry.testing.TestImages;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin's {@code copy} goal run by a real Maven (the one running this build, offline) in a project
 * that binds it to {@code validate}, between two in-process registries this test starts: Ferry loads in the
 * plugin's class realm beside Maven's own HttpClient and SLF4J, logs through Maven, and the image arrives.
 */
class CopyGoalIT {
  @TempDir
  Path work;

  private EmbeddedRegistry source;
  private EmbeddedRegistry destination;
  private TestImage image;

  @BeforeEach
  void registries() {
    source = EmbeddedRegistry.start();
    destination = EmbeddedRegistry.start();
    image = TestImages.image().platforms("linux/amd64", "linux/arm64").push(source, "team/app:1.0");
  }

  @AfterEach
  void stop() {
    source.close();
    destination.close();
  }

  private Path project() {
    return NestedMaven.project("copy-during-build", work, Map.of("source", source.address(),
        "destination", destination.address(), "version", NestedMaven.property("ferry.it.version")));
  }

  @Test
  void mirrorsTheWholeImageDuringABuildFromInsideMavensPluginRealm() throws Exception {
    NestedMaven.Run run = NestedMaven.run(project(), "-X", "validate");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("[INFO] ferry: copied " + source.address() + "/team/app:1.0 -> "
        + destination.address() + "/mirror/app:1.0 " + image.digest());
    try (RegistryClient client = destination.clientBuilder().build()) {
      assertThat(client.fetchManifest(destination.reference("mirror/app:1.0")).digest()).isEqualTo(image.digest());
    }
    String realm = "ClassRealm[plugin>dev.ferry:ferry-maven-plugin-example:" + NestedMaven.property("ferry.it.version")
        + "]";
    // Ferry and HttpClient 5 come from the plugin's realm; Maven's core realm holds its own HttpClient 4
    assertThat(run.output()).contains("ferry: ferry-core from " + realm).contains("ferry: httpclient5 from " + realm)
        .contains("Included: org.apache.httpcomponents.client5:httpclient5:jar:");
    // SLF4J is Maven's: the API its core exports, bound to Maven's provider, never the plugin's own copy
    String slf4j = run.output().lines().filter(l -> l.contains("ferry: slf4j-api from ")).findFirst().orElseThrow();
    assertThat(slf4j).doesNotContain("plugin>").contains("from ClassRealm[plexus.core]")
        .containsPattern("provider \\S*\\.MavenSimpleLoggerFactory");
    // and HttpClient 5's own DEBUG lines land in Maven's log through it (its connection log)
    assertThat(run.output()).containsPattern("\\[DEBUG\\] .*http-outgoing-\\d+");
    assertThat(NestedMaven.slf4jNotices(run.output())).isEmpty();
  }

  @Test
  void copiesOnePlatformWhenThePlatformPropertyIsSet() throws Exception {
    NestedMaven.Run run = NestedMaven.run(project(), "-q", "-Dferry.platform=linux/arm64", "validate");

    assertThat(run.exit()).as(run.output()).isZero();
    try (RegistryClient client = destination.clientBuilder().build()) {
      Manifest copied = client.fetchManifest(destination.reference("mirror/app:1.0"));
      assertThat(copied).isInstanceOf(ImageManifest.class);
      assertThat(copied.digest()).isEqualTo(image.platforms().get(Platform.parse("linux/arm64")));
    }
  }

  @Test
  void failsTheBuildWithFerrysMessageWhenTheImageIsMissing() throws Exception {
    NestedMaven.Run run = NestedMaven.run(project(), "-Dapp.tag=2.0", "validate");

    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("BUILD FAILURE")
        .contains("ferry: cannot copy " + source.address() + "/team/app:2.0 to " + destination.address()
            + "/mirror/app:2.0: ");
    assertThat(NestedMaven.slf4jNotices(run.output())).isEmpty();
  }
}
