package dev.ferry.examples.maven;

import dev.ferry.FerryException;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.copy.CopyEvent;
import dev.ferry.copy.CopyOperation;
import dev.ferry.copy.CopyResult;
import dev.ferry.copy.IndexMode;
import dev.ferry.copy.PlatformSelection;
import dev.ferry.manifest.Platform;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryClientBuilder;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Copies (mirrors) one image from a registry to another as a step of a Maven build, with the
 * credentials {@code docker login} / {@code podman login} left on the machine.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.ferry</groupId>
 *   <artifactId>ferry-maven-plugin-example</artifactId>
 *   <executions>
 *     <execution>
 *       <phase>deploy</phase>
 *       <goals><goal>copy</goal></goals>
 *       <configuration>
 *         <from>docker.io/library/nginx:1.27</from>
 *         <to>registry.example.com/mirror/nginx:1.27</to>
 *       </configuration>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 *
 * <p>Or from the command line:
 * {@code mvn dev.ferry:ferry-maven-plugin-example:copy -Dferry.from=... -Dferry.to=...}.
 *
 * <p>Maven gives each plugin its own class realm: Ferry and Apache HttpClient 5 load there, beside
 * Maven's own HttpClient 4 (a different package, so no clash), while the SLF4J API is Maven's own
 * (core exports it to every plugin), so HttpClient's logging lands in the build log. Mind that
 * {@code mvn -X} turns on HttpClient's header logger, which prints {@code Authorization} headers.
 *
 * <p>Thread-safety: Maven runs one instance per execution; safe in parallel builds ({@code -T}).
 */
@Mojo(name = "copy", threadSafe = true, requiresProject = false)
public final class CopyMojo extends AbstractMojo {
  /** The image to copy, for example {@code docker.io/library/nginx:1.27}. */
  @Parameter(property = "ferry.from", required = true)
  private String from;

  /** Where to copy it, for example {@code registry.example.com/mirror/nginx:1.27}. */
  @Parameter(property = "ferry.to", required = true)
  private String to;

  /** Registries ({@code host:port}) reached over plain HTTP instead of HTTPS. */
  @Parameter(property = "ferry.plainHttp")
  private List<String> plainHttp = List.of();

  /**
   * One platform to copy out of a multi-platform image ({@code linux/arm64}); the destination then
   * holds that platform's image manifest. Without it the whole image is copied, digest unchanged.
   */
  @Parameter(property = "ferry.platform")
  private String platform;

  /** Skips the copy. */
  @Parameter(property = "ferry.skip", defaultValue = "false")
  private boolean skip;

  /** Creates the goal; Maven sets its parameters. */
  public CopyMojo() {}

  /**
   * Copies the image.
   *
   * @throws MojoFailureException when the references or platform are invalid, or the copy fails
   * @throws MojoExecutionException never: every failure of the copy is the user's to fix
   */
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("ferry: copy skipped");
      return;
    }
    ClassLoaders.describe(getLog());
    try (CredentialProvider credentials = CredentialProvider.defaults();
         RegistryClient client = client(credentials)) {
      CopyOperation copy = CopyOperation.from(ImageReference.parse(from)).to(ImageReference.parse(to))
          .listener(this::log);
      if (platform != null && !platform.isBlank()) {
        copy = copy.platforms(PlatformSelection.only(Platform.parse(platform))).indexMode(IndexMode.SINGLE_PLATFORM);
      }
      CopyResult result = copy.execute(client);
      getLog().info("ferry: " + (result.upToDate() ? "already up to date " : "copied ") + result.source() + " -> "
          + to + " " + result.digest() + " (" + result.blobsCopied() + " blobs, " + result.bytesTransferred()
          + " bytes sent, " + result.blobsSkipped() + " already there)");
    } catch (FerryException | IllegalArgumentException e) {
      // typed, and its message says what, where and what to do: the build log shows it as it is
      throw new MojoFailureException("ferry: cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private RegistryClient client(CredentialProvider credentials) {
    RegistryClientBuilder builder = RegistryClient.builder().credentials(credentials)
        .userAgent("ferry-maven-plugin-example/0.1");
    List<String> hosts = plainHttp.stream().map(String::strip).filter(h -> !h.isEmpty()).toList();
    if (!hosts.isEmpty()) {
      builder.plainHttp(hosts.toArray(String[]::new));
    }
    return builder.build();
  }

  private void log(CopyEvent event) {
    if (event instanceof CopyEvent.BlobFinished || event instanceof CopyEvent.ManifestPushed) {
      getLog().info("ferry: " + event);
    } else if (getLog().isDebugEnabled()) {
      getLog().debug("ferry: " + event);
    }
  }
}
