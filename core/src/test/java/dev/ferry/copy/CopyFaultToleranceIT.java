package dev.ferry.copy;

import static dev.ferry.copy.FaultyRegistries.LAYER;
import static dev.ferry.copy.FaultyRegistries.at;
import static dev.ferry.copy.FaultyRegistries.credentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies between two real {@code docker-registry} processes through a {@link FaultProxy}, with
 * the client's default settings ({@link RetryPolicy#defaults()}: 5 attempts, backoff from 200 ms,
 * {@code Retry-After} honoured up to 60 s; its waits are short enough to run for real, so no
 * sleeper or clock is injected). Every transient fault is survived with the image intact at the
 * destination; a persistent 500 and a dead token realm fail with a typed error and leave no tag.
 */
class CopyFaultToleranceIT {
  private static final long MIB = 1024 * 1024;

  @TempDir
  static Path work;

  private static FaultyRegistries registries;

  @BeforeAll
  static void start() {
    registries = FaultyRegistries.start(work);
  }

  @AfterAll
  static void stop() {
    if (registries != null) {
      registries.close();
    }
  }

  @AfterEach
  void endTest() {
    registries.endTest();
  }

  @Test
  void honoursRetryAfterOnA429ToTheManifestPut() {
    Staged staged = survives("retry-after/app:1", registries.destination,
        (to, image) -> to.on("PUT", "/manifests/").respond(429, Map.of("Retry-After", "1")));

    assertThat(staged.fault().fired()).isEqualTo(1);
    List<FaultProxy.Exchange> puts = requests(staged.proxy(), "PUT", "/manifests/");
    assertThat(puts).extracting(FaultProxy.Exchange::status).containsExactly(429, 201);
    assertThat(Duration.ofNanos(puts.get(1).atNanos() - puts.get(0).atNanos())).isGreaterThanOrEqualTo(
        Duration.ofSeconds(1));
  }

  @Test
  void survivesABurstOf503sOnTheBlobUpload() {
    Staged staged = survives("burst/app:1", registries.destination,
        (to, image) -> to.on("PUT", uploadOf(layer(image))).times(3).respond(503));

    assertThat(staged.fault().fired()).isEqualTo(3);
  }

  @Test
  void survivesA500OnTheUploadPost() {
    Staged staged = survives("post500/app:1", registries.destination,
        (to, image) -> to.on("POST", "/blobs/uploads/").respond(500));

    assertThat(staged.fault().fired()).isEqualTo(1);
  }

  @Test
  void survivesAResetInTheMiddleOfTheSourceGet() {
    Staged staged = survives("source-reset/app:1", registries.source,
        (from, image) -> from.on("GET", "/blobs/" + layer(image).digest()).resetResponseAfter(MIB));

    assertThat(staged.fault().fired()).isEqualTo(1);
  }

  @Test
  void survivesAResetInTheMiddleOfTheUploadBody() {
    Staged staged = survives("upload-reset/app:1", registries.destination,
        (to, image) -> to.on("PUT", uploadOf(layer(image))).resetRequestAfter(MIB));

    assertThat(staged.fault().fired()).isEqualTo(1);
  }

  @Test
  void fetchesAgainASourceBlobWhoseBytesArrivedCorruptedOnce() {
    Staged staged = survives("corrupt/app:1", registries.source,
        (from, image) -> from.on("GET", "/blobs/" + layer(image).digest()).flipResponseByte(LAYER / 2));

    assertThat(staged.fault().fired()).isEqualTo(1);
  }

  @Test
  void waitsForASourceThatTakesTwoSecondsPerBody() {
    Staged staged = survives("slow/app:1", registries.source,
        (from, image) -> from.on("GET", "").always().delayResponseBody(Duration.ofSeconds(2)));

    // the manifest, the config and both layers each came two seconds late
    assertThat(staged.fault().fired()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void copiesAndRecognisesAnUpToDateCopyWithoutDockerContentDigest() {
    ImageManifest image = registries.seed("no-digest/app:1");
    FaultProxy from = registries.proxy(registries.source);
    FaultProxy to = registries.proxy(registries.destination);
    FaultRule fromStripped = from.on(FaultProxy.ANY, "").always().stripResponseHeader("Docker-Content-Digest");
    FaultRule toStripped = to.on(FaultProxy.ANY, "").always().stripResponseHeader("Docker-Content-Digest");
    RegistryClient client = registries.client(from, to);

    CopyResult first = copy(at(from, "no-digest/app:1"), at(to, "no-digest/app:1"), client);
    CopyResult again = copy(at(from, "no-digest/app:1"), at(to, "no-digest/app:1"), client);

    assertCopied(first, image, registries.direct, registries.dst("no-digest/app:1"));
    assertThat(again.upToDate()).isTrue();
    assertThat(again.digest()).isEqualTo(image.digest());
    assertThat(fromStripped.fired()).isPositive();
    assertThat(toStripped.fired()).isPositive();
  }

  @Test
  void uploadsAgainWhenABlobHeadSays404ThoughTheBlobIsThere() {
    ImageManifest image = registries.seed("eventual/app:1");
    FaultProxy to = registries.proxy(registries.destination);
    RegistryClient client = registries.client(to);
    copy(registries.src("eventual/app:1"), at(to, "eventual/app:warm"), client);
    List<FaultRule> stale = new ArrayList<>();
    for (Descriptor blob : blobs(image)) {
      stale.add(to.on("HEAD", "/blobs/" + blob.digest()).respond(404));
    }

    CopyResult result = copy(registries.src("eventual/app:1"), at(to, "eventual/app:1"), client);

    assertCopied(result, image, registries.direct, registries.dst("eventual/app:1"));
    assertThat(result.blobsCopied()).isEqualTo(blobs(image).size());
    assertThat(stale).allSatisfy(rule -> assertThat(rule.fired()).isEqualTo(1));
  }

  @Test
  void fetchesANewTokenWhenTheRegistryRejectsAnExpiredOne() {
    FaultyRegistries.SecuredRegistry secured = registries.secured();
    ImageManifest image = registries.seed("expired/app:1");
    FaultProxy to = registries.proxy(secured.registry());
    FaultRule expire = to.on("PUT", "/manifests/").revokeAuthorizations();
    int tokensBefore = secured.tokens().requests().size();

    CopyResult result = copy(registries.src("expired/app:1"), at(to, "expired/app:1"),
        registries.client(credentials(to), to));

    assertThat(expire.fired()).isEqualTo(1);
    assertThat(requests(to, "PUT", "/manifests/")).extracting(FaultProxy.Exchange::status).containsExactly(401, 201);
    assertThat(secured.tokens().requests().size()).isGreaterThan(tokensBefore + 1);
    try (RegistryClient reader = registries.reader(secured)) {
      assertCopied(result, image, reader, secured.ref("expired/app:1"));
    }
  }

  @Test
  void startsTheUploadOverWhenItsPutIsRefusedForAnExpiredToken() {
    FaultyRegistries.SecuredRegistry secured = registries.secured();
    ImageManifest image = registries.seed("expired-upload/app:1");
    FaultProxy to = registries.proxy(secured.registry());
    // the registry's answer to a token that expired between the POST and the PUT; the PUT's body
    // cannot be sent twice, so the upload has to start over (with the token fetched for the 401)
    FaultRule expired = to.on("PUT", uploadOf(layer(image))).respond(401, Map.of("WWW-Authenticate",
        "Bearer realm=\"" + secured.realm().baseUri() + "/token\",service=\"" + TokenServer.SERVICE
            + "\",scope=\"repository:expired-upload/app:pull,push\",error=\"invalid_token\""));

    CopyResult result = copy(registries.src("expired-upload/app:1"), at(to, "expired-upload/app:1"),
        registries.client(credentials(to), to));

    assertThat(expired.fired()).isEqualTo(1);
    try (RegistryClient reader = registries.reader(secured)) {
      assertCopied(result, image, reader, secured.ref("expired-upload/app:1"));
    }
  }

  @Test
  void keepsAuthorizationAwayFromTheStorageHostABlobRedirectsTo() {
    FaultyRegistries.SecuredRegistry secured = registries.secured();
    ImageManifest image;
    try (RegistryClient seeder = registries.reader(secured)) {
      image = CopyFixtures.pushImage(seeder, secured.ref("redirect/app:1"), 11, LAYER, 50_000);
    }
    FaultProxy from = registries.proxy(secured.registry());
    FaultRule redirected = from.on("GET", "/blobs/sha256:").always().redirectToStorage();

    CopyResult result = copy(at(from, "redirect/app:1"), registries.dst("redirect/app:1"),
        registries.client(credentials(from), from));

    assertCopied(result, image, registries.direct, registries.dst("redirect/app:1"));
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
    registries.seed("persistent500/app:1");
    FaultProxy to = registries.proxy(registries.destination);
    to.on("POST", "/blobs/uploads/").always().respond(500);
    RegistryClient client = registries.client(to);

    assertThatThrownBy(() -> copy(registries.src("persistent500/app:1"), at(to, "persistent500/app:1"), client))
        .isInstanceOf(CopyException.class)
        .cause().isInstanceOfSatisfying(RegistryResponseException.class, e -> assertThat(e.status()).isEqualTo(500));

    assertThat(requests(to, "POST", "/blobs/uploads/")).hasSizeGreaterThanOrEqualTo(
        RetryPolicy.defaults().maxAttempts());
    assertThat(registries.direct.headManifest(registries.dst("persistent500/app:1"))).isEmpty();
  }

  @Test
  void failsCleanWhenTheTokenRealmDiesWithTheTokensExpired() {
    FaultyRegistries.SecuredRegistry secured = registries.secured();
    registries.seed("dead-realm/app:1");
    FaultProxy to = registries.proxy(secured.registry());
    // just before the tag is written: the tokens held expire and the token server stops answering
    to.on("PUT", "/manifests/").run(() -> secured.realm().on(FaultProxy.ANY, "").always().reset());
    to.on("PUT", "/manifests/").revokeAuthorizations();
    RegistryClient client = registries.client(credentials(to), to);

    assertThatThrownBy(() -> copy(registries.src("dead-realm/app:1"), at(to, "dead-realm/app:1"), client))
        .isInstanceOf(CopyException.class)
        .cause().isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.url()).hasValueSatisfying(url -> assertThat(url).contains("/token")));

    secured.realm().clearRules();
    try (RegistryClient reader = registries.reader(secured)) {
      assertThat(reader.headManifest(secured.ref("dead-realm/app:1"))).isEmpty();
    }
  }

  // --- what every test does and checks

  /** A fault staged on a proxy that a copy went through. */
  private record Staged(FaultProxy proxy, FaultRule fault) { }

  /**
   * Seeds {@code path} at the source, stages a fault on a proxy in front of {@code faulty} (the
   * source or the destination registry), copies with default settings and checks the copy.
   */
  private static Staged survives(String path, DockerRegistryProcess faulty,
      BiFunction<FaultProxy, ImageManifest, FaultRule> fault) {
    ImageManifest image = registries.seed(path);
    FaultProxy proxy = registries.proxy(faulty);
    FaultRule rule = fault.apply(proxy, image);
    boolean atSource = faulty == registries.source;

    CopyResult result = copy(atSource ? at(proxy, path) : registries.src(path),
        atSource ? registries.dst(path) : at(proxy, path), registries.client(proxy));

    assertCopied(result, image, registries.direct, registries.dst(path));
    return new Staged(proxy, rule);
  }

  private static CopyResult copy(ImageReference from, ImageReference to, RegistryClient client) {
    return CopyOperation.from(from).to(to).execute(client);
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
}
