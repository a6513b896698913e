package dev.ferry.migrate;

import dev.ferry.reference.Digest;
import dev.ferry.reference.ImageReference;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The text that replaces each span of a use, for a destination and an optional digest to pin. */
final class Rewrites {
  /** Replace {@code [start, end)} of the file's text with {@code text}. */
  record Edit(int start, int end, String text) {}

  private Rewrites() {}

  /** {@return the destination as it will be written, pinned to {@code digest} when given} */
  static ImageReference written(ImageReference destination, @Nullable Digest digest) {
    return digest == null ? destination : destination.withDigest(digest);
  }

  static List<Edit> edits(ImageUse use, ImageReference destination, @Nullable Digest digest) {
    boolean digestSlot = use.slots().stream().anyMatch(s -> s.part() == Slot.Part.DIGEST);
    ImageReference written = written(destination, digest);
    List<Edit> edits = new ArrayList<>();
    for (Slot slot : use.slots()) {
      String text = switch (slot.part()) {
        case WHOLE -> written.familiarString();
        case REGISTRY -> destination.registry();
        case REPOSITORY -> destination.repository();
        case NAME -> destination.familiarName();
        case TAG -> destination.tag().orElse(slot.original())
            + (digest != null && !digestSlot ? "@" + digest : "");
        case DIGEST -> written.digest().map(Digest::toString).orElse(slot.original());
      };
      if (!text.equals(slot.original())) {
        edits.add(new Edit(slot.start(), slot.end(), text));
      }
    }
    return edits;
  }
}
