package dev.ferry.migrate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The image references of a code base: every Dockerfile ({@code Dockerfile}, {@code Dockerfile.*},
 * {@code *.Dockerfile}, {@code Containerfile}), Kubernetes, Compose and other YAML
 * ({@code *.yaml}, {@code *.yml}) and Helm values file ({@code values*.yaml}) under a directory.
 *
 * <pre>{@code
 * ImageScan scan = ImageScan.of(Path.of("repo"));
 * for (ImageUse use : scan.uses()) { use.file(); use.line(); use.reference(); }
 * scan.unresolved().forEach(System.out::println);     // Helm templates, ARGs without default, ...
 * }</pre>
 *
 * <p>What is found: in Dockerfiles every {@code FROM} image (with {@code --platform=}, line
 * continuations, and {@code ARG} defaults as BuildKit expands them), {@code COPY --from=<image>}
 * and {@code RUN --mount=...,from=<image>}; {@code FROM scratch} and earlier stages are not images.
 * In YAML every scalar {@code image:} (all Kubernetes workload kinds, {@code List}s and
 * {@code kubectl get -o yaml} dumps without the objects' {@code status}, Compose services, custom
 * resources), and in Helm values
 * files the {@code image: {registry, repository, tag, digest}} maps. YAML is read by a parser
 * with source positions (SnakeYAML Engine), never matched with patterns: comments, anchors and
 * aliases (an alias is not a second place), block scalars, flow style and CRLF are handled.
 * Values Ferry cannot resolve alone (Helm templates, variables, invalid references, files that
 * do not parse) are listed in {@link #unresolved()}, never dropped or guessed.
 *
 * <p>Directories named {@code .git}, {@code .hg}, {@code .svn} and {@code node_modules} are not
 * entered; symbolic links below the scanned directory are not followed. Files larger than {@link #MAX_FILE_BYTES} or not
 * UTF-8 are listed as unresolved.
 *
 * <p>Thread-safety: immutable once made.
 *
 * @since 0.1
 */
public final class ImageScan {
  /**
   * Largest file read: 8 MiB. Larger files are listed in {@link #unresolved()}.
   *
   * @since 0.1
   */
  public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

  private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn", "node_modules");

  private final List<ImageUse> uses;
  private final List<UnresolvedImage> unresolved;
  private final List<Path> names;
  private final Map<Path, ScannedFile> files;

  private ImageScan(List<ImageUse> uses, List<UnresolvedImage> unresolved, List<Path> names,
      Map<Path, ScannedFile> files) {
    this.uses = List.copyOf(uses);
    this.unresolved = List.copyOf(unresolved);
    this.names = List.copyOf(names);
    this.files = files;
  }

  /**
   * Scans a directory tree, or one file (which is then read by its name's kind).
   *
   * @param path a directory or a file
   * @return the scan; files are named relative to the directory (or as given, for one file)
   * @throws MigrationException if the path does not exist, a single file is of no kind Ferry
   *     reads, or the directory cannot be listed
   * @since 0.1
   */
  public static ImageScan of(Path path) {
    Objects.requireNonNull(path, "path");
    Builder builder = new Builder();
    if (Files.isDirectory(path)) {
      walk(realPath(path), builder);
    } else if (Files.isRegularFile(path)) {
      kindOrFail(path);
      builder.file(path, path);
    } else {
      throw new MigrationException("nothing to scan at " + path + ": no such file or directory", path);
    }
    return builder.build();
  }

  /**
   * Scans text read from a {@code Reader}, as a file of the given name (the name decides how it is
   * read: {@code Dockerfile}, {@code values.yaml}, {@code deploy.yaml}). A migration plans such a
   * scan but cannot rewrite it.
   *
   * @param name the file name, e.g. {@code Path.of("k8s/deploy.yaml")}
   * @param content the text; read fully (at most {@link #MAX_FILE_BYTES} characters) but not closed
   * @return the scan
   * @throws MigrationException if the name is of no kind Ferry reads or the reader fails
   * @since 0.1
   */
  public static ImageScan of(Path name, Reader content) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    FileKind kind = kindOrFail(name);
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n; (n = content.read(buffer)) >= 0; ) {
        text.append(buffer, 0, n);
        if (text.length() > MAX_FILE_BYTES) {
          throw new MigrationException("cannot scan " + name + ": larger than " + MAX_FILE_BYTES + " characters",
              name);
        }
      }
    } catch (IOException e) {
      throw new MigrationException("cannot scan " + name + ": reading failed: " + e.getMessage(), name, e);
    }
    Builder builder = new Builder();
    builder.scan(new ScannedFile(name, null, SourceText.of(name, text.toString())), kind);
    return builder.build();
  }

  private static Path realPath(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      throw new MigrationException("cannot scan " + directory + ": " + e.getMessage(), directory, e);
    }
  }

  private static FileKind kindOrFail(Path file) {
    FileKind kind = FileKind.of(file);
    if (kind == FileKind.OTHER) {
      throw new MigrationException("cannot scan " + file + ": not a Dockerfile, Containerfile or YAML file by its"
          + " name (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile, *.yaml, *.yml)", file);
    }
    return kind;
  }

  private static void walk(Path root, Builder builder) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          Path name = dir.getFileName();
          return !dir.equals(root) && name != null && SKIPPED_DIRECTORIES.contains(name.toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (FileKind.of(file) != FileKind.OTHER && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (FileKind.of(file) != FileKind.OTHER) {
            builder.unreadable(root.relativize(file), "could not be read: " + e.getMessage());
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new MigrationException("cannot scan " + root + ": " + e.getMessage(), root, e);
    }
    found.sort(Comparator.naturalOrder());
    for (Path file : found) {
      Path name = root.relativize(file);
      if (Files.isSymbolicLink(file)) {
        builder.unreadable(name, "symbolic link: not followed (its target is scanned where it lives)");
      } else {
        builder.file(name, file);
      }
    }
  }

  /**
   * {@return every image use found, in file order, then position}
   *
   * @since 0.1
   */
  public List<ImageUse> uses() {
    return uses;
  }

  /**
   * {@return the places that name an image Ferry cannot resolve alone, with the reason}
   *
   * @since 0.1
   */
  public List<UnresolvedImage> unresolved() {
    return unresolved;
  }

  /**
   * {@return the files read, as named in the uses}
   *
   * @since 0.1
   */
  public List<Path> files() {
    return names;
  }

  /** The file a use was found in (only files with uses keep their text). */
  Optional<ScannedFile> file(Path name) {
    return Optional.ofNullable(files.get(name));
  }

  /**
   * {@return a count of uses, unresolved places and files}
   *
   * @since 0.1
   */
  @Override
  public String toString() {
    return "ImageScan[" + uses.size() + " uses, " + unresolved.size() + " unresolved, " + names.size() + " files]";
  }

  /** Collects the findings of every file. */
  private static final class Builder {
    private final List<ImageUse> uses = new ArrayList<>();
    private final List<UnresolvedImage> unresolved = new ArrayList<>();
    private final List<Path> names = new ArrayList<>();
    private final Map<Path, ScannedFile> files = new LinkedHashMap<>();

    void file(Path name, Path location) {
      byte[] bytes;
      try {
        if (Files.size(location) > MAX_FILE_BYTES) {
          unreadable(name, "larger than the " + MAX_FILE_BYTES + "-byte limit: not read");
          return;
        }
        bytes = Files.readAllBytes(location);
      } catch (NoSuchFileException e) {
        unreadable(name, "vanished while scanning");
        return;
      } catch (IOException | UncheckedIOException e) {
        unreadable(name, "could not be read: " + e.getMessage());
        return;
      }
      Optional<SourceText> text = SourceText.decode(name, bytes);
      if (text.isEmpty()) {
        unreadable(name, "not UTF-8 text: not read");
        return;
      }
      scan(new ScannedFile(name, location, text.get()), FileKind.of(name));
    }

    void scan(ScannedFile file, FileKind kind) {
      names.add(file.name());
      Findings findings = new Findings(file.source());
      kind.scan(findings);
      if (!findings.uses().isEmpty()) {
        files.put(file.name(), file);   // kept to rewrite; the text of other files is let go
      }
      findings.uses().sort(Comparator.comparingInt(ImageUse::line).thenComparingInt(ImageUse::column));
      uses.addAll(findings.uses());
      unresolved.addAll(findings.unresolvedImages());
    }

    void unreadable(Path name, String reason) {
      unresolved.add(new UnresolvedImage(name, 1, 1, "", ImagePlace.FILE, reason));
    }

    ImageScan build() {
      return new ImageScan(uses, unresolved, names, files);
    }
  }
}
