package dev.ferry.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a Dockerfile into instructions as BuildKit reads them: parser directives at the top
 * ({@code # escape=`}), comment lines dropped, line continuations joined, heredoc bodies
 * ({@code RUN <<EOF ... EOF}) skipped. Each instruction keeps, for every character, its offset
 * in the original text, so a word found in it maps back to its exact source span.
 */
final class DockerfileLines {
  /** One instruction: keyword (upper case), arguments, and the source offset of each argument character. */
  record Instruction(String keyword, String args, int[] offsets) {
    /** {@return the source span of {@code args[from, to)}, or -1 when it is not contiguous in the source} */
    int sourceStart(int from, int to) {
      if (to <= from) {
        return -1;
      }
      return offsets[to - 1] - offsets[from] == to - from - 1 ? offsets[from] : -1;
    }
  }

  private final String text;
  private final List<int[]> lines = new ArrayList<>();
  private char escape = '\\';
  private List<Instruction> instructions = List.of();

  private DockerfileLines(String text) {
    this.text = text;
    int start = text.startsWith("\uFEFF") ? 1 : 0;   // a byte-order mark is not part of the first line
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        int end = i;
        if (end > start && text.charAt(end - 1) == '\r') {
          end--;
        }
        if (i < text.length() || end > start) {
          lines.add(new int[] {start, end});
        }
        start = i + 1;
      }
    }
  }

  /** {@return the instructions of a Dockerfile, and its escape character} */
  static DockerfileLines parse(String text) {
    DockerfileLines parsed = new DockerfileLines(text);
    parsed.instructions = parsed.read();
    return parsed;
  }

  List<Instruction> instructions() {
    return instructions;
  }

  char escape() {
    return escape;
  }

  private String line(int i) {
    return text.substring(lines.get(i)[0], lines.get(i)[1]);
  }

  private List<Instruction> read() {
    int i = directives();
    List<Instruction> out = new ArrayList<>();
    while (i < lines.size()) {
      String line = line(i);
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        i++;
        continue;
      }
      StringBuilder joined = new StringBuilder();
      List<Integer> offsets = new ArrayList<>();
      boolean more = true;
      boolean first = true;
      while (more && i < lines.size()) {
        String physical = line(i);
        int base = lines.get(i)[0];
        i++;
        if (!first && (physical.isBlank() || physical.stripLeading().startsWith("#"))) {
          continue;
        }
        first = false;
        String stripped = physical.stripTrailing();
        more = !stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape;
        int end = more ? stripped.length() - 1 : physical.length();
        for (int k = 0; k < end; k++) {
          joined.append(physical.charAt(k));
          offsets.add(base + k);
        }
      }
      Instruction instruction = split(joined.toString(), offsets);
      out.add(instruction);
      i = skipHeredocs(instruction, i);
    }
    return out;
  }

  /** Reads {@code # escape=} at the top; returns the first line after the directives. */
  private int directives() {
    int i = 0;
    while (i < lines.size()) {
      String line = line(i).strip();
      if (!line.startsWith("#") || line.indexOf('=') < 0) {
        return i;
      }
      String body = line.substring(1);
      String key = body.substring(0, body.indexOf('=')).strip().toLowerCase(Locale.ROOT);
      String value = body.substring(body.indexOf('=') + 1).strip();
      if (key.isEmpty() || !key.chars().allMatch(Character::isLetter)) {
        return i;
      }
      if (key.equals("escape") && (value.equals("`") || value.equals("\\"))) {
        escape = value.charAt(0);
      }
      i++;
    }
    return i;
  }

  private static Instruction split(String joined, List<Integer> offsets) {
    int start = 0;
    while (start < joined.length() && Character.isWhitespace(joined.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < joined.length() && !Character.isWhitespace(joined.charAt(end))) {
      end++;
    }
    int args = end;
    while (args < joined.length() && Character.isWhitespace(joined.charAt(args))) {
      args++;
    }
    int[] argOffsets = offsets.subList(args, offsets.size()).stream().mapToInt(Integer::intValue).toArray();
    return new Instruction(joined.substring(start, end).toUpperCase(Locale.ROOT), joined.substring(args),
        argOffsets);
  }

  /** Skips the bodies of the heredocs an instruction opens ({@code <<EOF}, {@code <<-"EOF"}). */
  private int skipHeredocs(Instruction instruction, int next) {
    if (!List.of("RUN", "COPY", "ADD").contains(instruction.keyword())) {
      return next;
    }
    String args = instruction.args();
    int i = next;
    int at = args.indexOf("<<");
    while (at >= 0) {
      int k = at + 2;
      boolean dash = k < args.length() && args.charAt(k) == '-';
      if (dash) {
        k++;
      }
      char quote = k < args.length() && (args.charAt(k) == '"' || args.charAt(k) == '\'') ? args.charAt(k) : 0;
      if (quote != 0) {
        k++;
      }
      int wordStart = k;
      while (k < args.length() && (Character.isLetterOrDigit(args.charAt(k)) || args.charAt(k) == '_')) {
        k++;
      }
      if (k > wordStart && (quote == 0 || (k < args.length() && args.charAt(k) == quote))) {
        String word = args.substring(wordStart, k);
        while (i < lines.size() && !(dash ? line(i).strip() : line(i)).equals(word)) {
          i++;
        }
        i++;
      }
      at = args.indexOf("<<", k);
    }
    return Math.min(i, lines.size());
  }
}
