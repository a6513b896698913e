package dev.ferry.migrate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The text of one scanned file, decoded from its exact bytes, with line starts for positions.
 * Offsets are UTF-16 indexes into {@link #text()}; since strict UTF-8 decoding and encoding
 * round-trip, replacing a span and encoding again changes no other byte.
 */
final class SourceText {
  private final Path name;
  private final String text;
  private final int[] lineStarts;
  private final boolean surrogates;

  private SourceText(Path name, String text) {
    this.name = name;
    this.text = text;
    this.surrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  static SourceText of(Path name, String text) {
    return new SourceText(name, text);
  }

  /** The text of UTF-8 bytes, or empty when they are not valid UTF-8. */
  static Optional<SourceText> decode(Path name, byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return Optional.of(new SourceText(name, text));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  Path name() {
    return name;
  }

  String text() {
    return text;
  }

  /** {@return the 1-based line of an offset} */
  int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** {@return the 1-based column (in code points) of an offset} */
  int column(int offset) {
    int start = lineStarts[line(offset) - 1];
    return text.codePointCount(start, offset) + 1;
  }

  /** {@return the UTF-16 offset of a code-point index, as YAML marks count} */
  int offsetOfCodePoint(int codePointIndex) {
    return surrogates ? text.offsetByCodePoints(0, codePointIndex) : codePointIndex;
  }
}
