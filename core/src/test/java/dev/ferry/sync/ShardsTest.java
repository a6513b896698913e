package dev.ferry.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.reference.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardsTest {
  private static final List<ImageReference> REPOSITORIES = IntStream.range(0, 500)
      .mapToObj(i -> ImageReference.of("quay.io", "org/app-" + i)).toList();

  @Test
  void everyRepositoryBelongsToExactlyOneWorkerAndTheSplitIsEven() {
    Map<Integer, List<ImageReference>> byWorker = new HashMap<>();
    for (ImageReference r : REPOSITORIES) {
      byWorker.computeIfAbsent(Shards.owner(r, 5), k -> new ArrayList<>()).add(r);
    }
    assertThat(byWorker.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(byWorker.values().stream().mapToInt(List::size).sum()).isEqualTo(REPOSITORIES.size());
    assertThat(byWorker.values()).allSatisfy(share -> assertThat(share.size()).isBetween(60, 140));
  }

  @Test
  void ownerDependsOnlyOnTheRepositoryNameNotOnTagsOrTheJvm() {
    ImageReference repo = ImageReference.parse("quay.io/org/app");
    assertThat(Shards.owner(repo.withTag("1.0"), 7)).isEqualTo(Shards.owner(ImageReference.parse("quay.io/org/app"), 7));
    // pinned (computed apart from this code, with Python's hashlib): workers on other machines and
    // versions must agree, so the rule may never change
    assertThat(Shards.owner(ImageReference.of("docker.io", "library/nginx"), 1000)).isEqualTo(273);
    assertThat(Shards.owner(ImageReference.of("quay.io", "org/app"), 1000)).isEqualTo(424);
  }

  @Test
  void badShardsAreRefused() {
    assertThatThrownBy(() -> Shards.check(3, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard(3, 3)");
    assertThatThrownBy(() -> Shards.check(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shards.check(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
