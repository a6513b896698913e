package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of DESIGN.md and STYLE.md that the compiler does not check, read from the sources of
 * every published module: the order of core's packages (arrows point one way), no internal type in
 * a public signature, {@code @since} on every public member, and one convention for optional record
 * components.
 */
class ApiShapeTest {
  /** Core's API packages in DESIGN.md's order: each may use those before it, never one after it. */
  private static final List<String> LAYERS = List.of("dev.ferry.reference", "dev.ferry.manifest",
      "dev.ferry.auth", "dev.ferry.registry", "dev.ferry.copy", "dev.ferry.sync");
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> PUBLISHED = List.of("core", "testing", "auth-aws", "auth-gcp", "auth-azure",
      "migrate");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([a-z][\\w.]*)\\.[A-Z]", Pattern.MULTILINE);
  private static final Pattern PUBLIC_MEMBER = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*((?:public|protected)\\s[^;{=]*)", Pattern.DOTALL);
  /** In a public interface every member without {@code private} is public. */
  private static final Pattern INTERFACE_MEMBER = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*((?!private\\s)[A-Za-z<][^;{=]*)", Pattern.DOTALL);
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public (?:(?:final|abstract|sealed|non-sealed|strictfp) )*(class|interface|record|enum|@interface) ",
      Pattern.MULTILINE);

  @Test
  void corePackagesUseOnlyThePackagesAboveThemInDesignsList() {
    List<String> violations = new ArrayList<>();
    for (Path file : sources(ROOT.resolve("core/src/main/java"))) {
      String pkg = packageOf(file);
      int layer = LAYERS.indexOf(pkg);
      if (layer < 0) {
        continue;
      }
      Matcher m = IMPORT.matcher(read(file));
      while (m.find()) {
        int used = LAYERS.indexOf(m.group(1));
        if (used > layer) {
          violations.add(pkg + " -> " + m.group(1) + " in " + file.getFileName());
        }
      }
    }
    assertThat(violations).as("an arrow pointing up DESIGN.md's package list").isEmpty();
  }

  @Test
  void copyAndSyncReachTheTransportOnlyThroughRegistryClient() {
    List<String> violations = new ArrayList<>();
    for (Path file : sources(ROOT.resolve("core/src/main/java"))) {
      String pkg = packageOf(file);
      if (pkg.equals("dev.ferry.copy") || pkg.equals("dev.ferry.sync")) {
        Matcher m = IMPORT.matcher(read(file));
        while (m.find()) {
          if (m.group(1).startsWith("dev.ferry.internal.http") || m.group(1).startsWith("dev.ferry.internal.auth")) {
            violations.add(pkg + " -> " + m.group(1) + " in " + file.getFileName());
          }
        }
      }
    }
    assertThat(violations).as("copy or sync around RegistryClient (DESIGN.md: one event path)").isEmpty();
  }

  @Test
  void publicSignaturesNeverNameAnInternalType() {
    List<String> violations = new ArrayList<>();
    for (Path file : apiSources()) {
      String text = read(file);
      Matcher imports = IMPORT.matcher(text);
      List<String> internalNames = new ArrayList<>();
      while (imports.find()) {
        if (imports.group(1).contains(".internal")) {
          String line = text.substring(imports.start(), text.indexOf(';', imports.start()));
          internalNames.add(line.substring(line.lastIndexOf('.') + 1));
        }
      }
      Matcher member = PUBLIC_MEMBER.matcher(text);
      while (member.find()) {
        String signature = member.group(2);
        for (String name : internalNames) {
          if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(signature).find()
              || signature.contains(".internal.")) {
            violations.add(file.getFileName() + ": " + signature.strip().replaceAll("\\s+", " "));
          }
        }
      }
    }
    assertThat(violations).as("public members whose signature names an internal type").isEmpty();
  }

  @Test
  void everyPublicMemberSaysSinceWhen() {
    List<String> missing = new ArrayList<>();
    for (Path file : apiSources()) {
      String text = read(file);
      Matcher type = PUBLIC_TYPE.matcher(text);
      if (!type.find()) {
        continue;
      }
      Matcher member = (type.group(1).equals("interface") ? INTERFACE_MEMBER : PUBLIC_MEMBER).matcher(text);
      while (member.find()) {
        if (!member.group(1).contains("@since")) {
          missing.add(file.getFileName() + ": " + member.group(2).strip().replaceAll("\\s+", " "));
        }
      }
    }
    assertThat(missing).as("public members without @since").isEmpty();
  }

  /**
   * The convention, chosen because most public records already kept it ({@code RateLimit}, {@code TagSync},
   * {@code RecordedCall}, {@code ExpiringCredential}, the credentials' {@code source}): a component that may be
   * absent is an {@code Optional} (or {@code OptionalLong}, or an empty list), so its accessor never returns null.
   * A {@code @Nullable} component of a public record breaks it.
   */
  @Test
  void optionalRecordComponentsAreOptionalsNeverNullable() {
    Pattern record = Pattern.compile("\\brecord\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*\\(([^)]*)\\)");
    List<String> records = new ArrayList<>();
    List<String> nullable = new ArrayList<>();
    for (Path file : apiSources()) {
      String text = read(file);
      Matcher type = PUBLIC_TYPE.matcher(text);
      boolean inInterface = type.find() && type.group(1).equals("interface");
      Matcher m = record.matcher(text);
      while (m.find()) {
        String before = text.substring(text.lastIndexOf('\n', m.start()) + 1, m.start());
        boolean visible = before.contains("public ") || (inInterface && before.isBlank() && !before.isEmpty());
        if (!visible) {
          continue;
        }
        records.add(m.group(1));
        if (m.group(2).contains("@Nullable")) {
          nullable.add(file.getFileName() + ": record " + m.group(1) + "(" + m.group(2).replaceAll("\\s+", " ") + ")");
        }
      }
    }
    assertThat(records).as("public records found").contains("RateLimit", "UsernamePassword", "BlobStarted");
    assertThat(nullable).as("public records with a @Nullable component: make it an Optional").isEmpty();
  }

  @Test
  void noJavadocSummaryIsCutShortByAnAbbreviation() {
    List<String> cut = new ArrayList<>();
    Pattern summary = Pattern.compile("/\\*\\*\\s*(?:\\*\\s*)?([^@]*?)(?:\\.\\s|\\*/|\\n\\s*\\*\\s*\\n)", Pattern.DOTALL);
    for (Path file : apiSources()) {
      Matcher m = summary.matcher(read(file));
      while (m.find()) {
        String first = m.group(1);
        if (first.endsWith(" e.g") || first.endsWith("(e.g") || first.endsWith(" i.e") || first.endsWith("(i.e")) {
          cut.add(file.getFileName() + ": " + first.strip().replaceAll("\\s*\\n\\s*\\*?\\s*", " "));
        }
      }
    }
    assertThat(cut).as("Javadoc ends the summary sentence at 'e.g.': write 'for example'").isEmpty();
  }

  private static List<Path> apiSources() {
    List<Path> files = new ArrayList<>();
    for (String module : PUBLISHED) {
      Path dir = ROOT.resolve(module).resolve("src/main/java");
      if (Files.isDirectory(dir)) {
        sources(dir).stream().filter(f -> !packageOf(f).contains(".internal"))
            .filter(f -> !f.getFileName().toString().equals("package-info.java"))
            .filter(f -> !f.getFileName().toString().equals("module-info.java"))
            .forEach(files::add);
      }
    }
    assertThat(files).as("sources found under " + ROOT).isNotEmpty();
    return files;
  }

  private static List<Path> sources(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String packageOf(Path file) {
    Matcher m = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(read(file));
    return m.find() ? m.group(1) : "";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
