package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reads the compiled module-info, whatever path (module or class) the tests run on. */
class ModuleBoundaryTest {
  private static ModuleDescriptor descriptor() throws IOException {
    Path moduleInfo = Path.of(FerryException.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .resolve("module-info.class");
    try (InputStream in = Files.newInputStream(moduleInfo)) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void exportsOnlyApiPackagesAndNeverInternal() throws IOException {
    ModuleDescriptor descriptor = descriptor();
    Set<String> exported = descriptor.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(descriptor.name()).isEqualTo("dev.ferry.core");
    assertThat(exported).containsExactlyInAnyOrder(
        "dev.ferry", "dev.ferry.reference", "dev.ferry.manifest", "dev.ferry.auth", "dev.ferry.registry",
        "dev.ferry.copy", "dev.ferry.sync");
    assertThat(exported).noneMatch(p -> p.contains(".internal"));
  }

  @Test
  void requiresNoCloudSdkOnlyJacksonCoreAndHttpClientAtRunTime() throws IOException {
    Set<String> required = descriptor().requires().stream()
        .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());
    assertThat(required).containsExactlyInAnyOrder("java.base", "com.fasterxml.jackson.core",
        "org.apache.httpcomponents.client5.httpclient5", "org.apache.httpcomponents.core5.httpcore5");
  }

  @Test
  void discoversCredentialProvidersThroughServiceLoader() throws IOException {
    assertThat(descriptor().uses()).contains("dev.ferry.auth.CredentialProvider");
  }
}
