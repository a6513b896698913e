package dev.ferry.migrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable form of plans and reports: a count line, then one line per image, file and unresolved place. */
final class Summary {
  private Summary() {}

  static String write(String title, List<ImageEntry> images, List<FileEntry> files, List<UnresolvedImage> unresolved) {
    StringBuilder out = new StringBuilder(title).append(": ");
    out.append(counts(images.stream().map(ImageEntry::status).toList(), "image"));
    out.append("; ").append(counts(files.stream().map(FileEntry::status).toList(), "file"));
    out.append("; ").append(unresolved.size()).append(" unresolved\n");
    for (ImageEntry image : images) {
      out.append("  ").append(image).append('\n');
    }
    for (FileEntry file : files) {
      out.append("  ").append(file).append('\n');
      for (LineChange change : file.changes()) {
        out.append("    ").append(change).append('\n');
      }
    }
    for (UnresolvedImage u : unresolved) {
      out.append("  UNRESOLVED ").append(u).append('\n');
    }
    return out.toString();
  }

  /** Counts per status, in the order the status enum declares them. */
  private static <E extends Enum<E>> String counts(List<E> statuses, String noun) {
    if (statuses.isEmpty()) {
      return "no " + noun + "s";
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    statuses.stream().sorted().forEach(s -> counts.merge(s.name().toLowerCase(Locale.ROOT).replace('_', ' '), 1,
        Integer::sum));
    StringBuilder out = new StringBuilder();
    counts.forEach((status, n) -> out.append(out.length() == 0 ? "" : ", ").append(n).append(' ').append(noun)
        .append(n == 1 ? " " : "s ").append(status));
    return out.toString();
  }
}
