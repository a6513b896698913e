package dev.ferry.auth.aws;

import static dev.ferry.auth.aws.EcrCredentialProviderTest.TEST_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.ImageReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Repository creation against the ECR API stand-in. */
class EcrRepositoriesTest {
  private static final ImageReference NGINX =
      ImageReference.parse("123456789012.dkr.ecr.eu-central-1.amazonaws.com/mirror/nginx:1.27");

  private final EcrStandIn ecr = EcrStandIn.start();
  private final EcrRepositories repositories = EcrRepositories.builder()
      .credentialsProvider(TEST_CREDENTIALS)
      .endpointOverride(ecr.endpoint())
      .settings(RepositorySettings.defaults().withImmutableTags(true).withScanOnPush(true))
      .build();

  @AfterEach
  void close() {
    repositories.close();
    ecr.close();
  }

  @Test
  void createsAMissingRepositoryWithTheSettingsInTheRegistryAccountAndRegion() {
    assertThat(repositories.ensureRepository(NGINX)).isTrue();

    assertThat(ecr.hasRepository("mirror/nginx")).isTrue();
    assertThat(ecr.calls()).extracting(EcrStandIn.Call::target).containsExactly(
        EcrStandIn.ECR_TARGET + "DescribeRepositories", EcrStandIn.ECR_TARGET + "CreateRepository");
    EcrStandIn.Call create = ecr.calls().get(1);
    assertThat(create.region()).isEqualTo("eu-central-1");
    assertThat(create.body()).contains("\"registryId\":\"123456789012\"", "\"repositoryName\":\"mirror/nginx\"",
        "\"imageTagMutability\":\"IMMUTABLE\"", "\"scanOnPush\":true");
  }

  @Test
  void leavesAnExistingRepositoryAloneAndRemembersIt() {
    ecr.repository("mirror/nginx");
    assertThat(repositories.ensureRepository(NGINX)).isFalse();
    assertThat(repositories.ensureRepository(NGINX.withTag("1.28"))).isFalse();
    assertThat(ecr.calls("DescribeRepositories")).isEqualTo(1);
    assertThat(ecr.calls("CreateRepository")).isZero();
  }

  @Test
  void perCallSettingsWin() {
    repositories.ensureRepository(NGINX, RepositorySettings.defaults());
    assertThat(ecr.calls().get(1).body()).contains("\"imageTagMutability\":\"MUTABLE\"", "\"scanOnPush\":false");
  }

  @Test
  void aRepositoryCreatedByAnotherCallerInBetweenCountsAsThere() {
    ecr.failNext("RepositoryNotFoundException", "The repository with name 'mirror/nginx' does not exist");
    ecr.failNext("RepositoryAlreadyExistsException", "The repository with name 'mirror/nginx' already exists");
    assertThat(repositories.ensureRepository(NGINX)).isFalse();
  }

  @Test
  void callerWithoutCreatePermissionGetsAClearTypedError() {
    ecr.denyCreateRepository();
    assertThatThrownBy(() -> repositories.ensureRepository(NGINX))
        .isInstanceOfSatisfying(EcrRepositoryException.class, e -> {
          assertThat(e.accessDenied()).isTrue();
          assertThat(e.errorCode()).contains("AccessDeniedException");
          assertThat(e.registry()).isEqualTo("123456789012.dkr.ecr.eu-central-1.amazonaws.com");
          assertThat(e.repository()).isEqualTo("mirror/nginx");
          assertThat(e.statusCode()).isEqualTo(400);
        })
        .hasMessageContaining("ecr:CreateRepository").hasMessageContaining("mirror/nginx");
    assertThat(ecr.hasRepository("mirror/nginx")).isFalse();
  }

  @Test
  void callerWhoMayNotDescribeStillCreates() {
    ecr.failNext("AccessDeniedException", "not authorized to perform: ecr:DescribeRepositories");
    assertThat(repositories.ensureRepository(NGINX)).isTrue();
  }

  @Test
  void otherAwsErrorsCarryTheirCode() {
    ecr.failNext("RepositoryNotFoundException", "missing");
    ecr.failNext("LimitExceededException", "The maximum number of repositories has been reached");
    assertThatThrownBy(() -> repositories.ensureRepository(NGINX))
        .isInstanceOfSatisfying(EcrRepositoryException.class, e -> {
          assertThat(e.accessDenied()).isFalse();
          assertThat(e.errorCode()).contains("LimitExceededException");
        })
        .hasMessageContaining("could not create repository mirror/nginx");
  }

  @Test
  void refusesReferencesOutsidePrivateEcr() {
    assertThatThrownBy(() -> repositories.ensureRepository(ImageReference.parse("ghcr.io/org/app:1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghcr.io");
    assertThatThrownBy(() -> repositories.ensureRepository(ImageReference.parse("public.ecr.aws/org/app:1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ecr.calls()).isEmpty();
  }
}
