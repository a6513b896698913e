package dev.ferry.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an {@link EmbeddedRegistry} for the annotated test class and hands it to
 * any test, lifecycle method or constructor that declares an {@code EmbeddedRegistry}
 * parameter.
 *
 * <pre>{@code
 * @WithEmbeddedRegistry
 * class PushTest {
 *   @Test
 *   void pushes(EmbeddedRegistry registry) {
 *     TestImages.image().push(registry, "demo/app:1.0");
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(EmbeddedRegistryExtension.class)
public @interface WithEmbeddedRegistry {
  /**
   * A registry per test (the default: no state leaks between tests) or one for the whole class.
   *
   * @return the scope
   * @since 0.1
   */
  EmbeddedRegistryExtension.Scope scope() default EmbeddedRegistryExtension.Scope.PER_TEST;

  /**
   * Whether the referrers API answers.
   *
   * @return false to exercise clients' tag-schema fallback
   * @since 0.1
   */
  boolean referrersApi() default true;
}
