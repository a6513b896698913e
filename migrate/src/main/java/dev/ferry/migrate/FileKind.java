package dev.ferry.migrate;

import java.nio.file.Path;
import java.util.Locale;

/** Which scanner reads a file, by its name. */
enum FileKind {
  DOCKERFILE,
  HELM_VALUES,
  YAML,
  OTHER;

  static FileKind of(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      return OTHER;
    }
    String name = fileName.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".dockerignore")) {
      return OTHER;
    }
    for (String base : new String[] {"dockerfile", "containerfile"}) {
      if (name.equals(base) || name.startsWith(base + ".") || name.endsWith("." + base)) {
        return DOCKERFILE;
      }
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return name.startsWith("values") ? HELM_VALUES : YAML;
    }
    return OTHER;
  }

  void scan(Findings findings) {
    switch (this) {
      case DOCKERFILE -> DockerfileScanner.scan(findings);
      case HELM_VALUES -> YamlScanner.scan(findings, true);
      case YAML -> YamlScanner.scan(findings, false);
      default -> { }
    }
  }
}
