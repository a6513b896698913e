package dev.ferry.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Real files for credential tests: config documents, helper scripts, fake HOME/XDG environments. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** {@code base64(user:password)}, as {@code docker login} writes it. */
  static String auth(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"auths": {key: {"auth": base64(user:password)}}}}. */
  static String authsJson(String key, String user, String password) {
    return "{\"auths\": {\"" + key + "\": {\"auth\": \"" + auth(user, password) + "\"}}}";
  }

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code bin/docker-credential-<name>}: a POSIX shell script with the given body, executable. */
  static Path helper(Path bin, String name, String body) {
    Path script = write(bin.resolve("docker-credential-" + name), "#!/bin/sh\n" + body + "\n");
    try {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return script;
  }

  /** An environment with HOME set to {@code home}, PATH to {@code bin} then the system tools, plus the given pairs. */
  static CredentialEnvironment environment(Path home, Path bin, String... pairs) {
    Map<String, String> variables = new HashMap<>();
    variables.put("HOME", home.toString());
    variables.put("PATH", bin + ":/usr/bin:/bin");
    for (int i = 0; i < pairs.length; i += 2) {
      variables.put(pairs[i], pairs[i + 1]);
    }
    return CredentialEnvironment.of(variables, home);
  }
}
