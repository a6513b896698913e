package dev.ferry.internal.auth.config;

import dev.ferry.auth.CredentialException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the part of a Kubernetes Secret written as YAML that a pull secret needs: the top-level
 * scalars ({@code kind}, {@code type}, ...) and the scalar entries of the top-level
 * {@code data} and {@code stringData} mappings. Everything else (metadata, managedFields,
 * annotations, sequences) is skipped by indentation without being interpreted.
 *
 * <p>Core carries no YAML library, so this reads the block style that {@code kubectl get -o yaml}
 * and hand-written Secrets use: {@code key: value} lines, comments, plain, single- and
 * double-quoted scalars (a quoted one may run over several lines), and {@code |} / {@code >}
 * block scalars with chomping indicators. Anything else under {@code data} or {@code stringData}
 * (flow style, anchors, tags, nested structures) is refused with a message saying to pass JSON.
 * Messages name keys and line numbers, never values: these documents hold secrets.
 */
final class SecretYaml {
  /** The top-level scalars by key, and the {@code data} / {@code stringData} entries under those keys as maps. */
  record Document(Map<String, String> scalars, Map<String, Map<String, String>> maps) {}

  /** The top-level scalars read; every other key is skipped unread (metadata may hold anything). */
  private static final Set<String> SCALARS_READ = Set.of("apiVersion", "kind", "type");

  private final List<String> lines;
  private final String source;
  private int next;

  private SecretYaml(String text, String source) {
    this.lines = text.lines().toList();
    this.source = source;
  }

  static Document read(String text, String source) {
    return new SecretYaml(text, source).document();
  }

  private Document document() {
    Map<String, String> scalars = new LinkedHashMap<>();
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    boolean started = false;
    while (next < lines.size()) {
      String line = lines.get(next);
      String content = stripComment(line);
      if (content.isBlank()) {
        next++;
        continue;
      }
      if (content.startsWith("---") && content.strip().equals("---")) {
        if (started) {
          throw fail("holds several YAML documents: pass one Secret");
        }
        next++;
        continue;
      }
      started = true;
      if (indent(line) > 0 || content.startsWith("- ") || content.equals("-")) {
        throw fail("line " + (next + 1) + " is not a top-level \"key: value\" of a Secret");
      }
      Entry entry = entry(content, next);
      next++;
      if (entry.key.equals("data") || entry.key.equals("stringData")) {
        if (!entry.value.isEmpty()) {
          if (entry.value.equals("{}")) {
            maps.put(entry.key, Map.of());
            continue;
          }
          throw fail(quote(entry.key) + " is not a block mapping: write one \"key: value\" per line, or pass JSON");
        }
        maps.put(entry.key, children(entry.key));
      } else if (!SCALARS_READ.contains(entry.key) || entry.value.isEmpty() || isBlockIndicator(entry.value)) {
        skipNested(0);
      } else {
        scalars.put(entry.key, scalar(entry.value, 0));
      }
    }
    return new Document(scalars, maps);
  }

  /** The scalar entries of a nested mapping, each one line deeper than its parent key. */
  private Map<String, String> children(String parent) {
    Map<String, String> children = new LinkedHashMap<>();
    int childIndent = -1;
    while (next < lines.size()) {
      String line = lines.get(next);
      String content = stripComment(line);
      if (content.isBlank()) {
        next++;
        continue;
      }
      int indent = indent(line);
      if (indent == 0) {
        break;
      }
      if (childIndent < 0) {
        childIndent = indent;
      } else if (indent != childIndent) {
        throw fail(quote(parent) + ", line " + (next + 1) + ": only \"key: value\" entries are read here, or pass JSON");
      }
      Entry entry = entry(content.strip(), next);
      next++;
      if (entry.value.isEmpty()) {
        throw fail(quote(parent) + "." + quote(entry.key) + " is not a string");
      }
      children.put(entry.key, isBlockIndicator(entry.value) ? block(entry.value, childIndent)
          : scalar(entry.value, childIndent));
    }
    return children;
  }

  private void skipNested(int parentIndent) {
    while (next < lines.size()) {
      String line = lines.get(next);
      String content = stripComment(line);
      if (!content.isBlank() && indent(line) <= parentIndent && !content.startsWith("- ") && !content.equals("-")) {
        return;
      }
      next++;
    }
  }

  /** A plain or quoted scalar starting on the line just read; a quoted one may continue on deeper lines. */
  private String scalar(String first, int parentIndent) {
    char quote = first.charAt(0);
    if (quote != '"' && quote != '\'') {
      if (first.startsWith("&") || first.startsWith("*") || first.startsWith("!") || first.startsWith("{")
          || first.startsWith("[")) {
        throw fail("line " + next + ": anchors, aliases, tags and flow style are not read here; pass JSON");
      }
      StringBuilder plain = new StringBuilder(first.strip());
      while (next < lines.size() && !stripComment(lines.get(next)).isBlank() && indent(lines.get(next)) > parentIndent
          && !stripComment(lines.get(next)).strip().contains(": ")) {
        plain.append(' ').append(stripComment(lines.get(next)).strip());
        next++;
      }
      return plain.toString();
    }
    StringBuilder raw = new StringBuilder(first);
    while (closingQuote(raw, quote) < 0) {
      if (next >= lines.size() || indent(lines.get(next)) <= parentIndent && !lines.get(next).isBlank()) {
        throw fail("line " + next + ": a quoted value is not closed");
      }
      raw.append('\n').append(lines.get(next).strip());
      next++;
    }
    return unquote(raw.substring(0, closingQuote(raw, quote) + 1), quote);
  }

  /** A {@code |} or {@code >} block scalar: the deeper lines that follow, indentation removed. */
  private String block(String indicator, int parentIndent) {
    boolean folded = indicator.charAt(0) == '>';
    String chomp = indicator.contains("-") ? "strip" : indicator.contains("+") ? "keep" : "clip";
    List<String> body = new ArrayList<>();
    int blockIndent = -1;
    while (next < lines.size()) {
      String line = lines.get(next);
      if (!line.isBlank()) {
        int indent = indent(line);
        if (indent <= parentIndent) {
          break;
        }
        if (blockIndent < 0) {
          blockIndent = indent;
        }
        if (indent < blockIndent) {
          break;
        }
        body.add(line.substring(blockIndent));
      } else {
        body.add("");
      }
      next++;
    }
    int end = body.size();
    while (end > 0 && body.get(end - 1).isEmpty()) {
      end--;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < end; i++) {
      if (i > 0) {
        boolean fold = folded && !body.get(i - 1).isEmpty() && !body.get(i).isEmpty()
            && !body.get(i).startsWith(" ") && !body.get(i - 1).startsWith(" ");
        text.append(fold ? " " : "\n");
      }
      text.append(body.get(i));
    }
    if (end > 0 && !chomp.equals("strip")) {
      text.append('\n');
    }
    if (chomp.equals("keep")) {
      text.append("\n".repeat(body.size() - end));
    }
    return text.toString();
  }

  private static boolean isBlockIndicator(String value) {
    return value.matches("[|>][-+]?[1-9]?|[|>][1-9][-+]?");
  }

  private Entry entry(String content, int line) {
    String key;
    String rest;
    char first = content.charAt(0);
    if (first == '"' || first == '\'') {
      int close = closingQuote(new StringBuilder(content), first);
      if (close < 0 || close + 1 >= content.length() || content.charAt(close + 1) != ':') {
        throw fail("line " + (line + 1) + " is not \"key: value\"");
      }
      key = unquote(content.substring(0, close + 1), first);
      rest = content.substring(close + 2);
    } else {
      int colon = content.indexOf(": ");
      if (colon < 0 && content.endsWith(":")) {
        colon = content.length() - 1;
      }
      if (colon <= 0) {
        throw fail("line " + (line + 1) + " is not \"key: value\"");
      }
      key = content.substring(0, colon).strip();
      rest = content.substring(colon + 1);
    }
    return new Entry(key, rest.strip());
  }

  private record Entry(String key, String value) {}

  private static int closingQuote(CharSequence text, char quote) {
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** The value of a quoted scalar; line breaks inside fold to spaces, as YAML folds them. */
  private String unquote(String quoted, char quote) {
    String inner = quoted.substring(1, quoted.length() - 1).replaceAll("[ \t]*\n[ \t]*", " ");
    if (quote == '\'') {
      return inner.replace("''", "'");
    }
    StringBuilder out = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c != '\\' || i + 1 >= inner.length()) {
        out.append(c);
        continue;
      }
      char e = inner.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        case '"', '\\', '/', ' ' -> out.append(e);
        case 'u' -> {
          if (i + 4 >= inner.length()) {
            throw fail("a \\u escape is cut short");
          }
          try {
            out.append((char) Integer.parseInt(inner.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException ex) {
            throw fail("a \\u escape is not four hex digits");
          }
          i += 4;
        }
        default -> throw fail("unknown escape \\" + e + " in a double-quoted value");
      }
    }
    return out.toString();
  }

  /** The line without a comment: a {@code #} at its start or after a blank, outside quotes. */
  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '"' || c == '\'') && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == ':')) {
        quote = c;
      } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
        return line.substring(0, i).stripTrailing();
      }
    }
    return line.stripTrailing();
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private CredentialException fail(String what) {
    return new CredentialException(source + ": " + what);
  }

  private static String quote(String key) {
    return ConfigJson.quote(key);
  }
}
