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
  void everyWorkerCountSplitsCompletelyAndOnlyIntoItsOwnIndexes() {
    for (int count = 1; count <= 17; count++) {
      int workers = count;
      assertThat(REPOSITORIES).allSatisfy(r -> assertThat(Shards.owner(r, workers)).isBetween(0, workers - 1));
    }
  }

  @Test
  void ownerDependsOnlyOnTheRepositoryPathNotOnTagsOrTheJvm() {
    ImageReference repo = ImageReference.parse("quay.io/org/app");
    assertThat(Shards.owner(repo.withTag("1.0"), 7)).isEqualTo(Shards.owner(ImageReference.parse("quay.io/org/app"), 7));
    // pinned (computed apart from this code, with Python's hashlib over the path): workers on other
    // machines and versions must agree, so the rule may never change
    assertThat(Shards.owner(ImageReference.of("docker.io", "library/nginx"), 1000)).isEqualTo(160);
    assertThat(Shards.owner(ImageReference.of("quay.io", "org/app"), 1000)).isEqualTo(454);
    assertThat(Shards.owner(ImageReference.of("quay.io", "org/app"), 7)).isEqualTo(6);
  }

  @Test
  void workersThatSpellOneRegistryDifferentlyAgree() {
    List<String> dockerHub = List.of("nginx", "docker.io/nginx", "docker.io/library/nginx", "index.docker.io/nginx",
        "index.docker.io/library/nginx", "registry-1.docker.io/library/nginx", "registry-1.docker.io/nginx",
        "Registry-1.Docker.IO/nginx");
    assertThat(dockerHub).allSatisfy(spelling -> assertThat(Shards.owner(ImageReference.parse(spelling), 1000))
        .as(spelling).isEqualTo(160));
    List<String> quay = List.of("quay.io/org/app", "quay.io:443/org/app", "QUAY.IO/org/app", "127.0.0.1:443/org/app");
    assertThat(quay).allSatisfy(spelling -> assertThat(Shards.owner(ImageReference.parse(spelling), 1000))
        .as(spelling).isEqualTo(454));
  }

  @Test
  void badShardsAreRefused() {
    assertThatThrownBy(() -> Shards.check(3, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard(3, 3)");
    assertThatThrownBy(() -> Shards.check(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shards.check(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
