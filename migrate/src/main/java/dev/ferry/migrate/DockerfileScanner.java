package dev.ferry.migrate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the images of a Dockerfile: every {@code FROM} (flags such as {@code --platform=}
 * skipped, build args expanded from their defaults), {@code COPY --from=<image>} and
 * {@code RUN --mount=...,from=<image>}. {@code scratch} and earlier stages are not images.
 */
final class DockerfileScanner {
  private final Findings findings;
  private final String text;
  private final BuildArgs global;
  private BuildArgs stage;
  private final Set<String> stages = new HashSet<>();
  private boolean inStage;

  private DockerfileScanner(Findings findings, char escape) {
    this.findings = findings;
    this.text = findings.source().text();
    this.global = new BuildArgs(escape);
    this.stage = global;
  }

  static void scan(Findings findings) {
    DockerfileLines lines = DockerfileLines.parse(findings.source().text());
    DockerfileScanner scanner = new DockerfileScanner(findings, lines.escape());
    for (DockerfileLines.Instruction instruction : lines.instructions()) {
      scanner.accept(instruction);
    }
  }

  private void accept(DockerfileLines.Instruction instruction) {
    switch (instruction.keyword()) {
      case "ARG" -> arg(instruction);
      case "FROM" -> from(instruction);
      case "COPY" -> flags(instruction, "--from=", ImagePlace.DOCKERFILE_COPY_FROM);
      case "RUN" -> flags(instruction, "--mount=", ImagePlace.DOCKERFILE_MOUNT_FROM);
      default -> { }
    }
  }

  private void from(DockerfileLines.Instruction instruction) {
    List<int[]> words = words(instruction.args());
    int k = 0;
    while (k < words.size() && word(instruction, words.get(k)).startsWith("--")) {
      k++;
    }
    inStage = true;
    stage = new BuildArgs(global.escape());
    if (k >= words.size()) {
      return;
    }
    int[] image = words.get(k);
    if (k + 2 < words.size() && word(instruction, words.get(k + 1)).equalsIgnoreCase("AS")) {
      stages.add(word(instruction, words.get(k + 2)).toLowerCase(Locale.ROOT));
    }
    image(instruction, image[0], word(instruction, image), global, ImagePlace.DOCKERFILE_FROM);
  }

  /** {@code COPY --from=x} or {@code RUN --mount=type=bind,from=x}: only leading flags count. */
  private void flags(DockerfileLines.Instruction instruction, String flag, ImagePlace place) {
    for (int[] w : words(instruction.args())) {
      String word = word(instruction, w);
      if (!word.startsWith("--")) {
        return;
      }
      if (!word.startsWith(flag)) {
        continue;
      }
      if (place == ImagePlace.DOCKERFILE_COPY_FROM) {
        image(instruction, w[0] + flag.length(), word.substring(flag.length()), stage, place);
        continue;
      }
      int at = flag.length();
      for (String field : word.substring(flag.length()).split(",", -1)) {
        if (field.startsWith("from=")) {
          image(instruction, w[0] + at + 5, field.substring(5), stage, place);
        }
        at += field.length() + 1;
      }
    }
  }

  private void image(DockerfileLines.Instruction instruction, int from, String word, BuildArgs scope,
      ImagePlace place) {
    BuildArgs.Expansion e = scope.expand(instruction, from, word);
    String value = e.value();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("scratch") || stages.contains(lower)
        || (place == ImagePlace.DOCKERFILE_COPY_FROM || place == ImagePlace.DOCKERFILE_MOUNT_FROM)
        && !value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
      return;
    }
    int at = from < instruction.offsets().length ? instruction.offsets()[from] : 0;
    if (value.isEmpty()) {
      findings.unresolved(at, word, place, e.unset() != null
          ? "build arg " + e.unset() + " has no default: the image is given at build time (--build-arg)"
          : "no image");
    } else if (e.oneSpan() && text.substring(e.start(), e.end()).equals(value)) {
      findings.whole(e.start(), e.end(), e.fromArg() ? ImagePlace.DOCKERFILE_ARG : place);
    } else {
      findings.unresolved(at, word, place, "expands to " + value + " from build args"
          + (e.unset() != null ? " (" + e.unset() + " has no default)" : "")
          + ": not written in one place, migrate by hand");
    }
  }

  private void arg(DockerfileLines.Instruction instruction) {
    String args = instruction.args();
    for (int[] w : quotedWords(args)) {
      String word = args.substring(w[0], w[1]);
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      BuildArgs scope = inStage ? stage : global;
      if (eq < 0) {
        BuildArgs.Arg inherited = inStage ? global.get(name) : null;
        scope.put(name, inherited != null ? inherited : new BuildArgs.Arg(null, -1, -1, false));
        continue;
      }
      int from = w[0] + eq + 1;
      String raw = word.substring(eq + 1);
      if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
          && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
        from++;
        raw = raw.substring(1, raw.length() - 1);
      }
      BuildArgs.Expansion e = scope.expand(instruction, from, raw);
      scope.put(name, new BuildArgs.Arg(e.value(), e.start(), e.end(), !e.oneSpan()));
    }
  }

  private static String word(DockerfileLines.Instruction instruction, int[] w) {
    return instruction.args().substring(w[0], w[1]);
  }

  /** Whitespace-separated words, as {@code [start, end)} of the arguments. */
  private static List<int[]> words(String args) {
    return words(args, false);
  }

  /** Words as an ARG line has them: whitespace inside quotes does not split. */
  private static List<int[]> quotedWords(String args) {
    return words(args, true);
  }

  private static List<int[]> words(String args, boolean quotes) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < args.length()) {
      while (i < args.length() && Character.isWhitespace(args.charAt(i))) {
        i++;
      }
      int start = i;
      char quote = 0;
      while (i < args.length() && (quote != 0 || !Character.isWhitespace(args.charAt(i)))) {
        char c = args.charAt(i);
        if (quotes && quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        }
        i++;
      }
      if (i > start) {
        out.add(new int[] {start, i});
      }
    }
    return out;
  }
}
