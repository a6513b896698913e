package dev.ferry.migrate;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Dockerfile {@code ARG} values in scope and the variable expansion BuildKit applies to
 * {@code FROM} and flag values: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}},
 * {@code ${NAME-word}}, {@code ${NAME:+word}}, {@code ${NAME+word}}. Besides the value,
 * an expansion tells whether it came from one span of the source (a literal word, one ARG
 * default, or one {@code :-} default) so that it can be rewritten there.
 */
final class BuildArgs {
  /** An ARG: its default (null when declared without one) and where that default is written. */
  record Arg(@Nullable String value, int start, int end, boolean variable) {}

  /**
   * The result of expanding a word: the value, and its one source span ({@code start < 0}
   * when the value is built from several pieces); {@code fromArg} when the span is an ARG default;
   * {@code unset} names a variable that had no value.
   */
  record Expansion(String value, int start, int end, boolean fromArg, @Nullable String unset) {
    boolean oneSpan() {
      return start >= 0;
    }
  }

  private final Map<String, Arg> args = new HashMap<>();
  private final char escape;

  BuildArgs(char escape) {
    this.escape = escape;
  }

  char escape() {
    return escape;
  }

  @Nullable Arg get(String name) {
    return args.get(name);
  }

  void put(String name, Arg arg) {
    args.put(name, arg);
  }

  /**
   * Expands {@code word}, which sits at {@code args[from, from + word.length())} of the instruction.
   */
  Expansion expand(DockerfileLines.Instruction instruction, int from, String word) {
    StringBuilder value = new StringBuilder();
    int pieces = 0;
    int literalPieces = 0;
    int start = -1;
    int end = -1;
    boolean fromArg = false;
    String unset = null;
    int i = 0;
    while (i < word.length()) {
      char c = word.charAt(i);
      if (c == escape && i + 1 < word.length()) {
        value.append(word.charAt(i + 1));
        i += 2;
        pieces += 2;
        continue;
      }
      if (c != '$' || i + 1 >= word.length()) {
        value.append(c);
        i++;
        literalPieces++;
        continue;
      }
      int close;
      String name;
      String op = "";
      String alt = "";
      int altFrom = -1;
      if (word.charAt(i + 1) == '{') {
        close = word.indexOf('}', i + 2);
        if (close < 0) {
          value.append(c);
          i++;
          literalPieces++;
          continue;
        }
        String inner = word.substring(i + 2, close);
        int n = 0;
        while (n < inner.length() && (Character.isLetterOrDigit(inner.charAt(n)) || inner.charAt(n) == '_')) {
          n++;
        }
        name = inner.substring(0, n);
        String rest = inner.substring(n);
        for (String candidate : new String[] {":-", ":+", "-", "+"}) {
          if (rest.startsWith(candidate)) {
            op = candidate;
            alt = rest.substring(candidate.length());
            altFrom = i + 2 + n + candidate.length();
            break;
          }
        }
        close++;
      } else if (Character.isLetter(word.charAt(i + 1)) || word.charAt(i + 1) == '_') {
        int n = i + 1;
        while (n < word.length() && (Character.isLetterOrDigit(word.charAt(n)) || word.charAt(n) == '_')) {
          n++;
        }
        name = word.substring(i + 1, n);
        close = n;
      } else {
        value.append(c);
        i++;
        literalPieces++;
        continue;
      }
      pieces++;
      Arg arg = args.get(name);
      String set = arg == null ? null : arg.value();
      boolean useAlt = switch (op) {
        case ":-" -> set == null || set.isEmpty();
        case "-" -> set == null;
        case ":+" -> set != null && !set.isEmpty();
        case "+" -> set != null;
        default -> false;
      };
      boolean blankOnUnused = op.equals(":+") || op.equals("+");
      if (useAlt) {
        value.append(alt);
        if (alt.indexOf('$') < 0 && !alt.isEmpty()) {
          start = instruction.sourceStart(from + altFrom, from + altFrom + alt.length());
          end = start < 0 ? -1 : start + alt.length();
        } else {
          start = -1;
        }
        fromArg = false;
      } else if (!blankOnUnused && arg != null && set != null && !set.isEmpty()) {
        value.append(set);
        start = arg.variable() ? -1 : arg.start();
        end = arg.end();
        fromArg = true;
      } else if (!blankOnUnused) {
        unset = name;
      }
      i = close;
    }
    boolean literal = pieces == 0;
    if (literal) {
      start = instruction.sourceStart(from, from + word.length());
      end = start < 0 ? -1 : start + word.length();
      fromArg = false;
    } else if (pieces != 1 || literalPieces != 0) {
      start = -1;
    }
    return new Expansion(value.toString(), start, start < 0 ? -1 : end, fromArg, unset);
  }
}
