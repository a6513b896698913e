package dev.ferry.auth.aws;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * An Amazon ECR registry recognised from its host name: a private registry
 * ({@code <account>.dkr.ecr.<region>.amazonaws.com} and its FIPS, dual-stack, China and
 * other-partition forms) or ECR Public ({@code public.ecr.aws}).
 *
 * <pre>{@code
 * EcrRegistry ecr = EcrRegistry.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow();
 * ecr.accountId();   // "123456789012"
 * ecr.region();      // "eu-west-1"
 * EcrRegistry.parse("ecr.example.com");   // empty: not an ECR host
 * }</pre>
 *
 * <p>Recognised private hosts are {@code <12-digit account>.<label>.<region>.<suffix>} with an
 * optional {@code :port}, where {@code <label>} is {@code dkr.ecr}, {@code dkr.ecr-fips},
 * {@code dkr-ecr} or {@code dkr-ecr-fips}, and {@code <suffix>} one of the AWS partitions' DNS
 * suffixes: {@code amazonaws.com}, {@code amazonaws.com.cn}, {@code amazonaws.eu},
 * {@code on.aws} and {@code on.amazonwebservices.com.cn} (dual-stack), {@code c2s.ic.gov},
 * {@code sc2s.sgov.gov}, {@code cloud.adc-e.uk}, {@code csp.hci.ic.gov}. Every label must sit
 * where it belongs: {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.com}, short account
 * numbers and other look-alikes are not ECR. ECR Public is {@code public.ecr.aws} and its
 * dual-stack name {@code ecr-public.aws.com}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param host the host as recognised, in lower case and without the port
 * @param accountId the 12-digit AWS account that owns a private registry; empty for ECR Public
 * @param region the AWS region of the registry, e.g. {@code eu-west-1}; {@code us-east-1} for ECR
 *     Public, where its authorization tokens come from
 * @param fips whether the host is a FIPS endpoint ({@code dkr.ecr-fips}, {@code dkr-ecr-fips})
 * @param dualStack whether the host is a dual-stack (IPv4 and IPv6) endpoint
 * @since 0.1
 */
public record EcrRegistry(String host, String accountId, String region, boolean fips, boolean dualStack) {
  /**
   * The largest page ECR serves from {@code GET /v2/<name>/tags/list}: a larger {@code n}
   * is refused ({@code UNSUPPORTED}, "maxResults ... less than or equal to 1000"), so pass at
   * most this to {@code RegistryClient.listTags(repository, pageSize, last)}. Without {@code n}
   * ECR answers in smaller pages with a {@code Link} header, which the registry client follows.
   *
   * @since 0.1
   */
  public static final int MAX_TAG_PAGE_SIZE = 1000;

  /** The region ECR Public issues its authorization tokens in. */
  static final String PUBLIC_TOKEN_REGION = "us-east-1";

  private static final Set<String> PUBLIC_HOSTS = Set.of("public.ecr.aws", "ecr-public.aws.com");
  private static final Set<String> DUAL_STACK_SUFFIXES = Set.of("on.aws", "on.amazonwebservices.com.cn");
  private static final int MAX_HOST_LENGTH = 253;

  // account . label (+fips) . region . partition suffix, nothing before or after
  private static final Pattern PRIVATE = Pattern.compile(
      "([0-9]{12})\\.(?:dkr\\.ecr|dkr-ecr)(-fips)?\\.([a-z]{2,}(?:-[a-z]+)+-[0-9]{1,2})\\."
          + "(amazonaws\\.com|amazonaws\\.com\\.cn|amazonaws\\.eu|on\\.aws|on\\.amazonwebservices\\.com\\.cn"
          + "|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov)");

  /**
   * Checks the parts.
   *
   * @param host the host as recognised, in lower case and without the port
   * @param accountId the 12-digit account, or empty for ECR Public
   * @param region the region
   * @param fips whether the host is a FIPS endpoint
   * @param dualStack whether the host is a dual-stack endpoint
   * @throws NullPointerException if a string is null
   * @throws IllegalArgumentException if the account is neither empty nor 12 digits, or the region is blank
   * @since 0.1
   */
  public EcrRegistry {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    if (!accountId.isEmpty() && !accountId.matches("[0-9]{12}")) {
      throw new IllegalArgumentException("an AWS account id has 12 digits");
    }
    if (region.isBlank()) {
      throw new IllegalArgumentException("the region is blank");
    }
  }

  /**
   * Recognises an ECR registry by its name as it appears in an image reference.
   *
   * @param registry the registry host with an optional port, e.g.
   *     {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com} or {@code public.ecr.aws}; any case
   * @return the registry, or empty when the name is not an ECR host
   * @throws NullPointerException if the name is null
   * @since 0.1
   */
  public static Optional<EcrRegistry> parse(String registry) {
    String name = Objects.requireNonNull(registry, "registry").trim().toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon >= 0) {
      if (!validPort(name.substring(colon + 1))) {
        return Optional.empty();
      }
      name = name.substring(0, colon);
    }
    if (name.length() > MAX_HOST_LENGTH) {
      return Optional.empty();
    }
    if (PUBLIC_HOSTS.contains(name)) {
      return Optional.of(new EcrRegistry(name, "", PUBLIC_TOKEN_REGION, false, name.startsWith("ecr-public.")));
    }
    Matcher m = PRIVATE.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new EcrRegistry(name, m.group(1), m.group(3), m.group(2) != null,
        DUAL_STACK_SUFFIXES.contains(m.group(4))));
  }

  /**
   * Whether a name is an ECR host; {@code parse(registry).isPresent()}.
   *
   * @param registry the registry host with an optional port
   * @return whether it is an ECR or ECR Public host
   * @throws NullPointerException if the name is null
   * @since 0.1
   */
  public static boolean isEcr(String registry) {
    return parse(registry).isPresent();
  }

  /**
   * Whether this is ECR Public rather than a private registry.
   *
   * @return true for {@code public.ecr.aws}
   * @since 0.1
   */
  public boolean isPublic() {
    return accountId.isEmpty();
  }

  /**
   * The region to call the ECR (or ECR Public) API in for this registry's tokens.
   *
   * @return the SDK region
   * @since 0.1
   */
  public Region apiRegion() {
    return Region.of(region);
  }

  private static boolean validPort(String port) {
    if (port.isEmpty() || port.length() > 5) {
      return false;
    }
    for (int i = 0; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    int value = Integer.parseInt(port);
    return value >= 1 && value <= 65_535;
  }
}
