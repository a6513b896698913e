package dev.ferry.testing;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts an {@link EmbeddedRegistry} per test or per class
 * and closes it afterwards. Register it on a field, or use {@link WithEmbeddedRegistry}
 * and take the registry as a parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedRegistryExtension registry = EmbeddedRegistryExtension.perClass();
 *
 * @Test
 * void copies() {
 *   ImageReference ref = registry.get().reference("demo/app:1.0");
 * }
 * }</pre>
 *
 * <p>Thread-safe for one test class at a time: a per-test registry is shared by
 * the class's tests, so they must not run concurrently.
 *
 * @since 0.1
 */
public final class EmbeddedRegistryExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /**
   * How long a registry lives.
   *
   * @since 0.1
   */
  public enum Scope {
    /** A new, empty registry for every test. */
    PER_TEST,
    /** One registry for all the tests of a class. */
    PER_CLASS
  }

  private @Nullable Scope scope;
  private @Nullable Supplier<EmbeddedRegistry> factory;
  private @Nullable EmbeddedRegistry current;

  /**
   * The extension as {@link WithEmbeddedRegistry} creates it: its settings come from the annotation.
   *
   * @since 0.1
   */
  public EmbeddedRegistryExtension() {}

  private EmbeddedRegistryExtension(Scope scope, Supplier<EmbeddedRegistry> factory) {
    this.scope = scope;
    this.factory = factory;
  }

  /**
   * A default registry for every test.
   *
   * @return the extension
   * @since 0.1
   */
  public static EmbeddedRegistryExtension perTest() {
    return perTest(EmbeddedRegistry::start);
  }

  /**
   * A registry for every test, made by a factory.
   *
   * @param factory starts a registry, e.g. {@code () -> EmbeddedRegistry.builder().referrersApi(false).start()}
   * @return the extension
   * @since 0.1
   */
  public static EmbeddedRegistryExtension perTest(Supplier<EmbeddedRegistry> factory) {
    return new EmbeddedRegistryExtension(Scope.PER_TEST, Objects.requireNonNull(factory, "factory"));
  }

  /**
   * One default registry for the class (register it on a static field).
   *
   * @return the extension
   * @since 0.1
   */
  public static EmbeddedRegistryExtension perClass() {
    return perClass(EmbeddedRegistry::start);
  }

  /**
   * One registry for the class, made by a factory.
   *
   * @param factory starts a registry
   * @return the extension
   * @since 0.1
   */
  public static EmbeddedRegistryExtension perClass(Supplier<EmbeddedRegistry> factory) {
    return new EmbeddedRegistryExtension(Scope.PER_CLASS, Objects.requireNonNull(factory, "factory"));
  }

  /**
   * The running registry.
   *
   * @return the registry of the current test or class
   * @throws IllegalStateException outside a test
   * @since 0.1
   */
  public synchronized EmbeddedRegistry get() {
    if (current == null) {
      throw new IllegalStateException("no embedded registry is running outside a test");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    configure(context);
    if (scope == Scope.PER_CLASS) {
      ensureStarted();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    configure(context);
    ensureStarted();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (scope == Scope.PER_TEST) {
      stop();
    } else {
      resetBetweenTests();
    }
  }

  /**
   * A registry shared by a class keeps its content, but one test's faults, log and
   * read-only switch never reach the next.
   */
  private synchronized void resetBetweenTests() {
    if (current != null) {
      current.clearFaults();
      current.clearRequests();
      current.restoreReadOnly();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedRegistry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    configure(context);
    return ensureStarted();
  }

  private synchronized void configure(ExtensionContext context) {
    if (factory != null) {
      return;
    }
    Optional<WithEmbeddedRegistry> annotation = context.getTestClass()
        .map(type -> type.getAnnotation(WithEmbeddedRegistry.class));
    boolean referrers = annotation.map(WithEmbeddedRegistry::referrersApi).orElse(true);
    scope = annotation.map(WithEmbeddedRegistry::scope).orElse(Scope.PER_TEST);
    factory = () -> EmbeddedRegistry.builder().referrersApi(referrers).start();
  }

  private synchronized EmbeddedRegistry ensureStarted() {
    if (current == null) {
      current = Objects.requireNonNull(factory, "factory").get();
    }
    return current;
  }

  private synchronized void stop() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
