package dev.ferry.benchmarks;

/** The three ways one case is copied, in the same run, on the same registries. */
enum Method {
  /** {@code java -Xmx64m -cp ... CopyMain} (or {@code BulkMain}): JVM start included, as a build step runs it. */
  FERRY_PROCESS("Ferry, whole process"),
  /** {@link FerryCopies} on this warm JVM, with one {@code RegistryClient} reused across runs, as a plugin calls it. */
  FERRY_IN_PROCESS("Ferry, in-process"),
  /** {@code skopeo copy docker://SRC docker://DST}, once per image. */
  SKOPEO("skopeo copy");

  private final String label;

  Method(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
