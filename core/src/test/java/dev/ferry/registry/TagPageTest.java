package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagPageTest {
  @Test
  void saysWhatAsksForTheNextPageAsAnOptionalNeverNull() {
    TagPage middle = TagPage.of(List.of("a", "b"), Optional.of("b"));
    TagPage last = TagPage.of(List.of("c"), Optional.empty());

    assertThat(middle.next()).contains("b");
    assertThat(last.next()).isEmpty();
    assertThat(last).hasToString("TagPage[c] (last)");
    assertThat(middle).isEqualTo(new TagPage(List.of("a", "b"), "b")).hasSameHashCodeAs(new TagPage(List.of("a", "b"), "b"));
  }

  @Test
  void keepsItsOwnCopyOfTheItems() {
    List<String> items = new ArrayList<>(List.of("a"));
    TagPage page = TagPage.of(items, Optional.empty());
    items.add("b");

    assertThat(page.items()).containsExactly("a");
    assertThatThrownBy(() -> page.items().add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> TagPage.of(List.of("a"), null)).isInstanceOf(NullPointerException.class);
  }
}
