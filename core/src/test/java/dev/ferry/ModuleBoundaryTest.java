package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleBoundaryTest {
  @Test
  void exportsOnlyApiPackagesAndNeverInternal() {
    Module module = FerryException.class.getModule();
    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    Set<String> exported = descriptor.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(descriptor.name()).isEqualTo("dev.ferry.core");
    assertThat(exported).containsExactlyInAnyOrder("dev.ferry", "dev.ferry.reference", "dev.ferry.manifest");
    assertThat(descriptor.packages()).contains("dev.ferry.internal.json");
  }

  @Test
  void requiresNoCloudSdkAndOnlyJacksonCoreAtRunTime() {
    Set<String> required = FerryException.class.getModule().getDescriptor().requires().stream()
        .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());
    assertThat(required).containsExactlyInAnyOrder("java.base", "com.fasterxml.jackson.core");
  }
}
