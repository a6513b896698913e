package dev.ferry.auth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EcrRegistryTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // host, account, region, fips, dualStack
      "123456789012.dkr.ecr.us-east-1.amazonaws.com, 123456789012, us-east-1, false, false",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com:443, 123456789012, eu-west-1, false, false",
      "123456789012.DKR.ECR.AP-SOUTHEAST-2.AMAZONAWS.COM, 123456789012, ap-southeast-2, false, false",
      "210987654321.dkr.ecr-fips.us-gov-west-1.amazonaws.com, 210987654321, us-gov-west-1, true, false",
      "210987654321.dkr.ecr-fips.us-east-2.amazonaws.com, 210987654321, us-east-2, true, false",
      "123456789012.dkr-ecr.us-east-2.on.aws, 123456789012, us-east-2, false, true",
      "123456789012.dkr-ecr-fips.us-west-2.on.aws, 123456789012, us-west-2, true, true",
      "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn, 123456789012, cn-north-1, false, false",
      "123456789012.dkr-ecr.cn-northwest-1.on.amazonwebservices.com.cn, 123456789012, cn-northwest-1, false, true",
      "123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu, 123456789012, eusc-de-east-1, false, false",
      "123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov, 123456789012, us-iso-east-1, false, false",
      "123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov, 123456789012, us-isob-east-1, false, false",
      "123456789012.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk, 123456789012, eu-isoe-west-1, false, false",
      "123456789012.dkr.ecr.us-isof-south-1.csp.hci.ic.gov, 123456789012, us-isof-south-1, false, false",
  })
  void recognisesPrivateRegistryForms(String host, String account, String region, boolean fips, boolean dualStack) {
    EcrRegistry ecr = EcrRegistry.parse(host).orElseThrow();
    assertThat(ecr.accountId()).isEqualTo(account);
    assertThat(ecr.region()).isEqualTo(region);
    assertThat(ecr.fips()).isEqualTo(fips);
    assertThat(ecr.dualStack()).isEqualTo(dualStack);
    assertThat(ecr.isPublic()).isFalse();
    assertThat(ecr.apiRegion().id()).isEqualTo(region);
    assertThat(ecr.host()).doesNotContain(":").isLowerCase();
  }

  @ParameterizedTest
  @ValueSource(strings = {"public.ecr.aws", "PUBLIC.ECR.AWS", "public.ecr.aws:443", "ecr-public.aws.com"})
  void recognisesEcrPublicWithTokensFromUsEast1(String host) {
    EcrRegistry ecr = EcrRegistry.parse(host).orElseThrow();
    assertThat(ecr.isPublic()).isTrue();
    assertThat(ecr.accountId()).isEmpty();
    assertThat(ecr.region()).isEqualTo("us-east-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "evil.com",
      "docker.io",
      "localhost:5000",
      "ecr.aws",
      "evil.public.ecr.aws",
      "public.ecr.aws.evil.com",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.com",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com.",
      "x123456789012.dkr.ecr.us-east-1.amazonaws.com",
      "evil.123456789012.dkr.ecr.us-east-1.amazonaws.com",
      "12345678901.dkr.ecr.us-east-1.amazonaws.com",
      "1234567890123.dkr.ecr.us-east-1.amazonaws.com",
      "12345678901a.dkr.ecr.us-east-1.amazonaws.com",
      "123456789012.dkr.ecrx.us-east-1.amazonaws.com",
      "123456789012.dkr.ecr.fips.us-east-1.amazonaws.com",
      "123456789012.dkr.ecr.us-east-1.amazonaws.co",
      "123456789012.dkr.ecr.us-east-1.evilamazonaws.com",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil",
      "123456789012.dkr.ecr.useast1.amazonaws.com",
      "123456789012.dkr.ecr.evil.amazonaws.com",
      "123456789012.dkr.ecr..amazonaws.com",
      "123456789012.ecr.us-east-1.amazonaws.com",
      "123456789012.dkr.ecr.us-east-1.on.aws.evil.com",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com:",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com:0",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com:65536",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com:44a",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/evil",
      "https://123456789012.dkr.ecr.us-east-1.amazonaws.com",
      "evil.com/123456789012.dkr.ecr.us-east-1.amazonaws.com",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com@evil.com",
      "",
  })
  void rejectsLookAlikes(String host) {
    assertThat(EcrRegistry.parse(host)).isEmpty();
    assertThat(EcrRegistry.isEcr(host)).isFalse();
  }

  @Test
  void rejectsOverlongNamesWithoutWork() {
    String label = "a".repeat(60) + ".";
    String host = "123456789012.dkr.ecr.us-east-1.amazonaws.com." + label.repeat(10) + "com";
    assertThat(EcrRegistry.parse(host)).isEqualTo(Optional.empty());
  }

  @Test
  void validatesItsParts() {
    assertThatThrownBy(() -> new EcrRegistry("h", "123", "us-east-1", false, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 digits");
    assertThatThrownBy(() -> new EcrRegistry("h", "123456789012", " ", false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
