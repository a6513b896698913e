package dev.ferry.migrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Finds the images of a YAML file by walking the node graph SnakeYAML Engine composes, with the
 * source marks of every scalar: any scalar {@code image:} (Kubernetes containers of every
 * workload kind, Compose services, custom resources), and in Helm values files the
 * {@code image: {registry, repository, tag, digest}} maps. Each node is visited once, so an alias
 * is not a second place; comments and block scalars are the parser's business, never matched.
 */
final class YamlScanner {
  private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

  private final Findings findings;
  private final boolean helmValues;
  private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Node> images = Collections.newSetFromMap(new IdentityHashMap<>());

  private YamlScanner(Findings findings, boolean helmValues) {
    this.findings = findings;
    this.helmValues = helmValues;
  }

  static void scan(Findings findings, boolean helmValues) {
    SourceText source = findings.source();
    LoadSettings settings = LoadSettings.builder()
        .setLabel(source.name().toString())
        .setUseMarks(true)
        .setAllowDuplicateKeys(true)
        .setCodePointLimit(ImageScan.MAX_FILE_BYTES)
        .build();
    YamlScanner scanner = new YamlScanner(findings, helmValues);
    try {
      Composer documents = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, source.text())));
      while (documents.hasNext()) {
        scanner.visit(documents.next(), List.of());
      }
    } catch (MarkedYamlEngineException e) {
      int at = e.getProblemMark().map(m -> source.offsetOfCodePoint(Math.min(m.getIndex(),
          source.text().codePointCount(0, source.text().length())))).orElse(0);
      findings.unresolved(at, "", ImagePlace.FILE, notYaml(source, e.getProblem()));
    } catch (YamlEngineException e) {
      findings.unresolved(0, "", ImagePlace.FILE, notYaml(source, e.getMessage()));
    } catch (StackOverflowError e) {
      findings.unresolved(0, "", ImagePlace.FILE, "not read: YAML nested too deeply");
    }
  }

  private static String notYaml(SourceText source, @Nullable String problem) {
    return source.text().contains("{{")
        ? "Helm template: not YAML until the chart renders; its images come from the chart's values"
        : "not valid YAML (" + problem + "); images in it were not read";
  }

  /** Visits a node once; {@code path} holds the keys above it (sequence items keep their sequence's key). */
  private void visit(Node node, List<String> path) {
    if (!visited.add(node)) {
      return;
    }
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        visit(item, path);
      }
    } else if (node instanceof MappingNode mapping) {
      boolean object = has(mapping, "apiVersion") && has(mapping, "kind");
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
          visit(tuple.getValueNode(), path);
          continue;
        }
        String key = keyNode.getValue();
        if (object && key.equals("status")) {
          continue;   // what a cluster reports (image IDs, resolved names), not what a manifest asks for
        }
        Node value = tuple.getValueNode();
        if (key.equals("image") && value instanceof ScalarNode scalar) {
          if (images.add(scalar)) {
            imageScalar(scalar, placeOf(path));
          }
          continue;
        }
        if (helmValues && value instanceof MappingNode map
            && key.toLowerCase(Locale.ROOT).endsWith("image") && HelmImageMap.looksLikeOne(map)) {
          if (images.add(map)) {
            HelmImageMap.scan(findings, map, this::span);
          }
          continue;
        }
        if (helmValues && key.equals("image") && value instanceof MappingNode map && images.add(map)) {
          findings.unresolved(start(map), "", ImagePlace.HELM_IMAGE_MAP,
              "image map without a repository: not a layout Ferry composes, migrate by hand");
        }
        List<String> below = new ArrayList<>(path);
        below.add(key);
        visit(value, below);
      }
    }
  }

  private static boolean has(MappingNode mapping, String key) {
    return mapping.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
  }

  private ImagePlace placeOf(List<String> path) {
    if (!path.isEmpty() && CONTAINER_LISTS.contains(path.get(path.size() - 1))) {
      return ImagePlace.KUBERNETES_CONTAINER;
    }
    if (path.size() == 2 && path.get(0).equals("services")) {
      return ImagePlace.COMPOSE_SERVICE;
    }
    return helmValues ? ImagePlace.HELM_VALUE : ImagePlace.YAML_IMAGE_KEY;
  }

  private void imageScalar(ScalarNode scalar, ImagePlace place) {
    int[] span = span(scalar);
    int at = start(scalar);
    String value = scalar.getValue();
    String problem = problem(scalar, span);
    if (problem != null) {
      findings.unresolved(at, value, place, problem);
    } else if (span != null) { // problem() names every scalar without a span
      findings.whole(span[0], span[1], place);
    }
  }

  /** Why a scalar's value cannot be taken as an image written in one place, or null when it can. */
  static @Nullable String problem(ScalarNode scalar, int @Nullable [] span) {
    String value = scalar.getValue();
    if (scalar.getTag().equals(Tag.NULL) || value.isEmpty()) {
      return "empty image value";
    }
    if (value.contains("{{")) {
      return "Helm template: known only when the chart renders";
    }
    if (hasVariable(value)) {
      return "variable interpolation: known only when the file is rendered";
    }
    if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
      return "block scalar: rewrite by hand";
    }
    if (span == null) {
      return "written with escapes or over several lines: rewrite by hand";
    }
    return null;
  }

  /** {@code $NAME} or {@code ${...}}: Compose and envsubst fill these in, so the text is not the image. */
  private static boolean hasVariable(String value) {
    for (int i = 0; i + 1 < value.length(); i++) {
      char next = value.charAt(i + 1);
      if (value.charAt(i) == '$' && (next == '{' || next == '_' || Character.isLetter(next))) {
        return true;
      }
    }
    return false;
  }

  private int start(Node node) {
    return node.getStartMark().map(m -> findings.source().offsetOfCodePoint(m.getIndex())).orElse(0);
  }

  /**
   * The source span of a scalar's value (inside its quotes), or null when the source text there
   * is not exactly the value (escapes, folded lines, block scalars). The span is counted back from
   * the end mark, since the start mark sits on an anchor or tag written before the value.
   */
  int @Nullable [] span(ScalarNode scalar) {
    if (scalar.getStartMark().isEmpty() || scalar.getEndMark().isEmpty()) {
      return null;
    }
    SourceText source = findings.source();
    int first = source.offsetOfCodePoint(scalar.getStartMark().get().getIndex());
    int end = source.offsetOfCodePoint(scalar.getEndMark().get().getIndex());
    ScalarStyle style = scalar.getScalarStyle();
    if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
      end--;
    } else if (style != ScalarStyle.PLAIN) {
      return null;
    }
    int start = end - scalar.getValue().length();
    if (start < first || end > source.text().length()) {
      return null;
    }
    return source.text().substring(start, end).equals(scalar.getValue()) ? new int[] {start, end} : null;
  }
}
