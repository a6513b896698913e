package dev.ferry.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A Helm values image map, {@code {registry, repository, tag, digest}}, composed as the common
 * charts (Bitnami's {@code common.images.image}) do: {@code registry/repository:tag}, the
 * registry left out when empty, and {@code @digest} in place of {@code :tag} when a digest is set.
 * Each part is rewritten in its own value; a pinned digest goes into {@code digest} when the map
 * has a written one (even {@code ""}), otherwise after the tag ({@code tag: 1.27@sha256:...}).
 */
final class HelmImageMap {
  private HelmImageMap() {}

  /** A map with a scalar {@code repository} is an image map. */
  static boolean looksLikeOne(MappingNode map) {
    return part(map, "repository") != null;
  }

  static void scan(Findings findings, MappingNode map, Function<ScalarNode, int @Nullable []> spans) {
    ScalarNode repository = part(map, "repository");
    ScalarNode registry = part(map, "registry");
    ScalarNode tag = part(map, "tag");
    ScalarNode digest = part(map, "digest");
    SourceText source = findings.source();
    // a map without a repository is reported below, at the map itself
    int at = (repository != null ? repository : map).getStartMark()
        .map(m -> source.offsetOfCodePoint(m.getIndex())).orElse(0);
    String reg = value(registry);
    String repo = value(repository);
    String t = value(tag);
    String d = value(digest);
    String text = (reg.isEmpty() ? "" : reg + "/") + repo + (!d.isEmpty() ? "@" + d : t.isEmpty() ? "" : ":" + t);
    for (ScalarNode part : new ScalarNode[] {registry, repository, tag, digest}) {
      if (part != null && !value(part).isEmpty()) {
        String problem = YamlScanner.problem(part, spans.apply(part));
        if (problem != null) {
          findings.unresolved(at, text, ImagePlace.HELM_IMAGE_MAP, problem + " (" + part.getValue() + ")");
          return;
        }
      }
    }
    if (repository == null || repo.isEmpty()) {
      findings.unresolved(at, text, ImagePlace.HELM_IMAGE_MAP, "image map without a repository");
      return;
    }
    if (t.isEmpty() && d.isEmpty()) {
      findings.unresolved(at, text, ImagePlace.HELM_IMAGE_MAP,
          "image map without tag or digest: the chart falls back to its appVersion");
      return;
    }
    List<Slot> slots = new ArrayList<>();
    if (registry == null || reg.isEmpty()) {
      slots.add(slot(spans, repository, Slot.Part.NAME));
    } else {
      slots.add(slot(spans, registry, Slot.Part.REGISTRY));
      slots.add(slot(spans, repository, Slot.Part.REPOSITORY));
    }
    if (tag != null && !t.isEmpty()) {
      slots.add(slot(spans, tag, Slot.Part.TAG));
    }
    int[] digestSpan = digest == null ? null : spans.apply(digest);
    if (digest != null && digestSpan != null && (!d.isEmpty() || !digest.isPlain())) {
      slots.add(new Slot(digestSpan[0], digestSpan[1], Slot.Part.DIGEST, d));
    }
    findings.parsed(at, text, ImagePlace.HELM_IMAGE_MAP, slots);
  }

  private static Slot slot(Function<ScalarNode, int @Nullable []> spans, ScalarNode node, Slot.Part part) {
    int[] span = spans.apply(node);
    return new Slot(span[0], span[1], part, node.getValue());
  }

  private static String value(@Nullable ScalarNode node) {
    return node == null || node.getTag().equals(Tag.NULL) ? "" : node.getValue().strip();
  }

  private static @Nullable ScalarNode part(MappingNode map, String key) {
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
          && tuple.getValueNode() instanceof ScalarNode v) {
        return v;
      }
    }
    return null;
  }
}
