package dev.ferry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.Credential;
import dev.ferry.auth.CredentialProvider;
import dev.ferry.it.DockerRegistryProcess;
import dev.ferry.it.FaultProxy;
import dev.ferry.it.FaultRule;
import dev.ferry.it.TokenServer;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.ImageManifest;
import dev.ferry.reference.ImageReference;
import dev.ferry.registry.RegistryClient;
import dev.ferry.registry.RegistryResponseException;
import dev.ferry.registry.RetryPolicy;
import dev.ferry.registry.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies between two real {@code docker-registry} processes through a {@link FaultProxy}, with
 * the client's default settings ({@link RetryPolicy#defaults()}: 5 attempts, backoff from 200 ms,
 * {@code Retry-After} honoured up to 60 s; its waits are short enough to run for real). Every
 * transient fault is survived with the image intact at the destination; a persistent 500 and a
 * dead token realm fail with a typed error and leave no tag.
 */
class CopyFaultToleranceIT {
  private static final String USER = "ferry";
  private static final String PASSWORD = "fault-pa55";
  private static final int LAYER = 3 * 1024 * 1024;
  private static final long MIB = 1024 * 1024;

  @TempDir
  static Path work;

  private static DockerRegistryProcess source;
  private static DockerRegistryProcess destination;
  /** Seeds sources and reads results past every proxy. */
  private static RegistryClient direct;
  /** Started by the first test that needs token auth, then shared. */
  private static SecuredRegistry secured;

  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  static void start() {
    source = DockerRegistryProcess.start(work.resolve("source"));
    destination = DockerRegistryProcess.start(work.resolve("destination"));
    direct = RegistryClient.builder().plainHttp(source.address(), destination.address()).build();
  }

  @AfterAll
  static void stop() {
    if (secured != null) {
      closeQuietly(secured.registry());
      closeQuietly(secured.realm());
      closeQuietly(secured.tokens());
    }
    for (AutoCloseable c : new AutoCloseable[] {direct, source, destination}) {
      closeQuietly(c);
    }
  }

  @AfterEach
  void closeTestParts() {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closeQuietly(closing.get(i));
    }
    if (secured != null) {
      secured.realm().clearRules();
    }
  }

  @Test
  void honoursRetryAfterOnA429ToTheManifestPut() {
    FaultProxy to = proxy(destination);
    FaultRule limited = to.on("PUT", "/manifests/").respond(429, Map.of("Retry-After", "1"));
    ImageManifest image = seed("retry-after/app:1");

    CopyResult result = copy(src("retry-after/app:1"), at(to, "retry-after/app:1"), client(to));

    assertCopied(result, image, direct, dst("retry-after/app:1"));
    assertThat(limited.fired()).isEqualTo(1);
    List<FaultProxy.Exchange> puts = requests(to, "PUT", "/manifests/");
    assertThat(puts).extracting(FaultProxy.Exchange::status).containsExactly(429, 201);
    assertThat(Duration.ofNanos(puts.get(1).atNanos() - puts.get(0).atNanos())).isGreaterThanOrEqualTo(
        Duration.ofSeconds(1));
  }

  @Test
  void survivesABurstOf503sOnTheBlobUpload() {
    ImageManifest image = seed("burst/app:1");
    FaultProxy to = proxy(destination);
    FaultRule burst = to.on("PUT", uploadOf(layer(image))).times(3).respond(503);

    CopyResult result = copy(src("burst/app:1"), at(to, "burst/app:1"), client(to));

    assertCopied(result, image, direct, dst("burst/app:1"));
    assertThat(burst.fired()).isEqualTo(3);
  }

  @Test
  void survivesA500OnTheUploadPost() {
    ImageManifest image = seed("post500/app:1");
    FaultProxy to = proxy(destination);
    FaultRule failed = to.on("POST", "/blobs/uploads/").respond(500);

    CopyResult result = copy(src("post500/app:1"), at(to, "post500/app:1"), client(to));

    assertCopied(result, image, direct, dst("post500/app:1"));
    assertThat(failed.fired()).isEqualTo(1);
  }

  @Test
  void survivesAResetInTheMiddleOfTheSourceGet() {
    ImageManifest image = seed("source-reset/app:1");
    FaultProxy from = proxy(source);
    FaultRule cut = from.on("GET", "/blobs/" + layer(image).digest()).resetResponseAfter(MIB);

    CopyResult result = copy(at(from, "source-reset/app:1"), dst("source-reset/app:1"), client(from));

    assertCopied(result, image, direct, dst("source-reset/app:1"));
    assertThat(cut.fired()).isEqualTo(1);
  }

  @Test
  void survivesAResetInTheMiddleOfTheUploadBody() {
    ImageManifest image = seed("upload-reset/app:1");
    FaultProxy to = proxy(destination);
    FaultRule cut = to.on("PUT", uploadOf(layer(image))).resetRequestAfter(MIB);

    CopyResult result = copy(src("upload-reset/app:1"), at(to, "upload-reset/app:1"), client(to));

    assertCopied(result, image, direct, dst("upload-reset/app:1"));
    assertThat(cut.fired()).isEqualTo(1);
  }

  @Test
  void fetchesAgainASourceBlobWhoseBytesArrivedCorruptedOnce() {
    ImageManifest image = seed("corrupt/app:1");
    FaultProxy from = proxy(source);
    FaultRule flip = from.on("GET", "/blobs/" + layer(image).digest()).flipResponseByte(LAYER / 2);

    CopyResult result = copy(at(from, "corrupt/app:1"), dst("corrupt/app:1"), client(from));

    assertCopied(result, image, direct, dst("corrupt/app:1"));
    assertThat(flip.fired()).isEqualTo(1);
  }

  @Test
  void waitsForASourceThatTakesTwoSecondsPerBody() {
    ImageManifest image = seed("slow/app:1");
    FaultProxy from = proxy(source);
    FaultRule slow = from.on("GET", "").always().delayResponseBody(Duration.ofSeconds(2));

    CopyResult result = copy(at(from, "slow/app:1"), dst("slow/app:1"), client(from));

    assertCopied(result, image, direct, dst("slow/app:1"));
    // the manifest, the config and both layers each came two seconds late
    assertThat(slow.fired()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void copiesAndRecognisesAnUpToDateCopyWithoutDockerContentDigest() {
    ImageManifest image = seed("no-digest/app:1");
    FaultProxy from = proxy(source);
    FaultProxy to = proxy(destination);
    FaultRule fromStripped = from.on(FaultProxy.ANY, "").always().stripResponseHeader("Docker-Content-Digest");
    FaultRule toStripped = to.on(FaultProxy.ANY, "").always().stripResponseHeader("Docker-Content-Digest");
    RegistryClient client = client(from, to);

    CopyResult first = copy(at(from, "no-digest/app:1"), at(to, "no-digest/app:1"), client);
    CopyResult again = copy(at(from, "no-digest/app:1"), at(to, "no-digest/app:1"), client);

    assertCopied(first, image, direct, dst("no-digest/app:1"));
    assertThat(again.upToDate()).isTrue();
    assertThat(again.digest()).isEqualTo(image.digest());
    assertThat(fromStripped.fired()).isPositive();
    assertThat(toStripped.fired()).isPositive();
  }

  @Test
  void uploadsAgainWhenABlobHeadSays404ThoughTheBlobIsThere() {
    ImageManifest image = seed("eventual/app:1");
    FaultProxy to = proxy(destination);
    RegistryClient client = client(to);
    copy(src("eventual/app:1"), at(to, "eventual/app:warm"), client);
    List<FaultRule> stale = new ArrayList<>();
    for (Descriptor blob : blobs(image)) {
      stale.add(to.on("HEAD", "/blobs/" + blob.digest()).respond(404));
    }

    CopyResult result = copy(src("eventual/app:1"), at(to, "eventual/app:1"), client);

    assertCopied(result, image, direct, dst("eventual/app:1"));
    assertThat(result.blobsCopied()).isEqualTo(blobs(image).size());
    assertThat(stale).allSatisfy(rule -> assertThat(rule.fired()).isEqualTo(1));
  }

  @Test
  void fetchesANewTokenWhenTheRegistryRejectsAnExpiredOne() {
    SecuredRegistry secured = secured();
    ImageManifest image = seed("expired/app:1");
    FaultProxy to = proxy(secured.registry());
    FaultRule expire = to.on("PUT", "/manifests/").revokeAuthorizations();
    int tokensBefore = secured.tokens().requests().size();

    CopyResult result = copy(src("expired/app:1"), at(to, "expired/app:1"), client(credentials(to), to));

    assertThat(expire.fired()).isEqualTo(1);
    assertThat(requests(to, "PUT", "/manifests/")).extracting(FaultProxy.Exchange::status).containsExactly(401, 201);
    assertThat(secured.tokens().requests().size()).isGreaterThan(tokensBefore + 1);
    try (RegistryClient reader = reader(secured.registry())) {
      assertCopied(result, image, reader, ImageReference.parse(secured.registry().address() + "/expired/app:1"));
    }
  }

  @Test
  void fetchesANewTokenWhenTheTokenExpiresJustBeforeTheBlobUploadPut() {
    SecuredRegistry secured = secured();
    ImageManifest image = seed("expired-upload/app:1");
    FaultProxy to = proxy(secured.registry());
    // the body of this PUT cannot be sent twice: the upload has to start over with a new token
    FaultRule expire = to.on("PUT", uploadOf(layer(image))).revokeAuthorizations();

    CopyResult result = copy(src("expired-upload/app:1"), at(to, "expired-upload/app:1"), client(credentials(to), to));

    assertThat(expire.fired()).isEqualTo(1);
    try (RegistryClient reader = reader(secured.registry())) {
      assertCopied(result, image, reader,
          ImageReference.parse(secured.registry().address() + "/expired-upload/app:1"));
    }
  }

  @Test
  void keepsAuthorizationAwayFromTheStorageHostABlobRedirectsTo() {
    SecuredRegistry secured = secured();
    ImageReference origin = ImageReference.parse(secured.registry().address() + "/redirect/app:1");
    ImageManifest image;
    try (RegistryClient seeder = reader(secured.registry())) {
      image = CopyFixtures.pushImage(seeder, origin, 11, LAYER, 50_000);
    }
    FaultProxy from = proxy(secured.registry());
    FaultRule redirected = from.on("GET", "/blobs/sha256:").always().redirectToStorage();

    CopyResult result = copy(at(from, "redirect/app:1"), dst("redirect/app:1"), client(credentials(from), from));

    assertCopied(result, image, direct, dst("redirect/app:1"));
    assertThat(redirected.fired()).isGreaterThanOrEqualTo(blobs(image).size());
    // the registry demanded a token for these very requests, so there was one to leak
    assertThat(requests(from, "GET", "/blobs/")).filteredOn(e -> e.status() == 307)
        .allSatisfy(e -> assertThat(e.authorized()).isTrue());
    assertThat(from.storageRequests()).hasSizeGreaterThanOrEqualTo(blobs(image).size())
        .allSatisfy(e -> assertThat(e.authorized()).as("Authorization sent to the storage host").isFalse())
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
  }

  @Test
  void failsCleanWhenTheUploadPostAlwaysAnswers500() {
    seed("persistent500/app:1");
    FaultProxy to = proxy(destination);
    to.on("POST", "/blobs/uploads/").always().respond(500);

    assertThatThrownBy(() -> copy(src("persistent500/app:1"), at(to, "persistent500/app:1"), client(to)))
        .isInstanceOf(CopyException.class)
        .cause().isInstanceOfSatisfying(RegistryResponseException.class, e -> assertThat(e.status()).isEqualTo(500));

    assertThat(requests(to, "POST", "/blobs/uploads/")).hasSizeGreaterThanOrEqualTo(
        RetryPolicy.defaults().maxAttempts());
    assertThat(direct.headManifest(dst("persistent500/app:1"))).isEmpty();
  }

  @Test
  void failsCleanWhenTheTokenRealmDiesWithTheTokensExpired() {
    SecuredRegistry secured = secured();
    seed("dead-realm/app:1");
    FaultProxy to = proxy(secured.registry());
    // just before the tag is written: the tokens held expire and the token server stops answering
    to.on("PUT", "/manifests/").run(() -> secured.realm().on(FaultProxy.ANY, "").always().reset());
    to.on("PUT", "/manifests/").revokeAuthorizations();

    assertThatThrownBy(() -> copy(src("dead-realm/app:1"), at(to, "dead-realm/app:1"), client(credentials(to), to)))
        .isInstanceOf(CopyException.class)
        .cause().isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.url()).hasValueSatisfying(url -> assertThat(url).contains("/token")));

    secured.realm().clearRules();
    try (RegistryClient reader = reader(secured.registry())) {
      assertThat(reader.headManifest(ImageReference.parse(secured.registry().address() + "/dead-realm/app:1")))
          .isEmpty();
    }
  }

  // --- the parts each test puts together

  /** A docker-registry with token auth, its token server reached through a proxy that can kill it. */
  private record SecuredRegistry(TokenServer tokens, FaultProxy realm, DockerRegistryProcess registry) { }

  private static SecuredRegistry secured() {
    if (secured == null) {
      TokenServer tokens = TokenServer.start(work.resolve("tokens")).user(USER, PASSWORD);
      FaultProxy realm = FaultProxy.start(java.net.URI.create(tokens.realm()));
      DockerRegistryProcess registry = DockerRegistryProcess.builder(work.resolve("secured"))
          .token(realm.baseUri() + "/token", TokenServer.SERVICE, TokenServer.ISSUER, tokens.rootCertBundle()).start();
      secured = new SecuredRegistry(tokens, realm, registry);
    }
    return secured;
  }

  private FaultProxy proxy(DockerRegistryProcess registry) {
    return keep(FaultProxy.start(registry.baseUri()));
  }

  private <T extends AutoCloseable> T keep(T part) {
    closing.add(part);
    return part;
  }

  private static CredentialProvider credentials(FaultProxy proxy) {
    return CredentialProvider.of(proxy.address(), Credential.basic(USER, PASSWORD));
  }

  private static CredentialProvider credentials(DockerRegistryProcess registry) {
    return CredentialProvider.of(registry.address(), Credential.basic(USER, PASSWORD));
  }

  /** A client with default settings (retries included), plain HTTP to the proxies and both registries. */
  private RegistryClient client(FaultProxy... proxies) {
    return client(CredentialProvider.anonymous(), proxies);
  }

  private RegistryClient client(CredentialProvider credentials, FaultProxy... proxies) {
    List<String> hosts = new ArrayList<>();
    for (FaultProxy p : proxies) {
      hosts.add(p.address());
    }
    return keep(client(hosts, credentials));
  }

  private static RegistryClient client(List<String> hosts, CredentialProvider credentials) {
    List<String> all = new ArrayList<>(hosts);
    all.addAll(List.of(source.address(), destination.address()));
    return RegistryClient.builder().plainHttp(all.toArray(String[]::new)).credentials(credentials).build();
  }

  /** A client of its own for a secured registry, with the test user's credentials. */
  private static RegistryClient reader(DockerRegistryProcess registry) {
    return client(List.of(registry.address()), credentials(registry));
  }

  private static CopyResult copy(ImageReference from, ImageReference to, RegistryClient client) {
    return CopyOperation.from(from).to(to).execute(client);
  }

  private static ImageManifest seed(String path) {
    return CopyFixtures.pushImage(direct, src(path), path.hashCode(), LAYER, 50_000);
  }

  private static ImageReference src(String path) {
    return ImageReference.parse(source.address() + "/" + path);
  }

  private static ImageReference dst(String path) {
    return ImageReference.parse(destination.address() + "/" + path);
  }

  private static ImageReference at(FaultProxy proxy, String path) {
    return ImageReference.parse(proxy.address() + "/" + path);
  }

  private static Descriptor layer(ImageManifest image) {
    return image.layers().get(0);
  }

  private static List<Descriptor> blobs(ImageManifest image) {
    List<Descriptor> all = new ArrayList<>(image.layers());
    all.add(image.config());
    return all;
  }

  /** The upload PUT that commits this blob ({@code ...?digest=sha256:...}). */
  private static String uploadOf(Descriptor blob) {
    return "/blobs/uploads/.*" + Pattern.quote(blob.digest().hex());
  }

  private static List<FaultProxy.Exchange> requests(FaultProxy proxy, String method, String targetPart) {
    return proxy.requests().stream().filter(e -> e.method().equals(method) && e.target().contains(targetPart))
        .toList();
  }

  /** Same digest, same manifest bytes at the destination, every blob there and readable with its digest. */
  private static void assertCopied(CopyResult result, ImageManifest image, RegistryClient reader,
      ImageReference written) {
    assertThat(result.digest()).isEqualTo(image.digest());
    assertThat(reader.fetchManifest(written).bytes()).isEqualTo(image.bytes());
    ImageReference repository = written.withoutTag().withoutDigest();
    for (Descriptor blob : blobs(image)) {
      try (InputStream in = reader.openBlob(repository, blob)) {
        assertThat(in.readAllBytes()).hasSize((int) blob.size()); // the stream checks the digest at its end
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // the next part still gets closed
    }
  }
}
