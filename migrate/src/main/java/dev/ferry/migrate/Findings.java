package dev.ferry.migrate;

import dev.ferry.reference.ImageReference;
import dev.ferry.reference.InvalidReferenceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the scanners found in one file: image uses and unresolved places, each place once. */
final class Findings {
  private final SourceText source;
  private final List<ImageUse> uses = new ArrayList<>();
  private final List<UnresolvedImage> unresolved = new ArrayList<>();
  private final Set<Integer> seen = new HashSet<>();

  Findings(SourceText source) {
    this.source = source;
  }

  SourceText source() {
    return source;
  }

  /**
   * Adds a use whose text is at one span, parsing it; an invalid reference becomes unresolved.
   * A span already reported (an ARG used twice, a YAML alias) is not added again.
   */
  void whole(int start, int end, ImagePlace place) {
    String text = source.text().substring(start, end);
    if (!seen.add(start)) {
      return;
    }
    parsed(start, text, place, List.of(new Slot(start, end, Slot.Part.WHOLE, text)));
  }

  /** Adds a use made of several spans (a Helm image map); {@code at} gives its position. */
  void parsed(int at, String text, ImagePlace place, List<Slot> slots) {
    ImageReference reference;
    try {
      reference = ImageReference.parse(text);
    } catch (InvalidReferenceException e) {
      unresolved(at, text, place, "not a valid image reference: " + e.reason());
      return;
    }
    uses.add(new ImageUse(source.name(), source.line(at), source.column(at), text, reference, place, slots));
  }

  void unresolved(int at, String text, ImagePlace place, String reason) {
    unresolved.add(new UnresolvedImage(source.name(), source.line(at), source.column(at), text, place, reason));
  }

  List<ImageUse> uses() {
    return uses;
  }

  List<UnresolvedImage> unresolvedImages() {
    return unresolved;
  }
}
