package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangesTest {
  private static Exchange at(long start, long answered) {
    return new Exchange("h", "GET /" + start, 200, start, answered, false);
  }

  @Test
  void theChainCountsRequestsThatEachBeganAfterTheLastWasAnswered() {
    // a manifest GET, then three blob copies at once, then the manifest PUT
    List<Exchange> copy = List.of(at(0, 10), at(10, 30), at(11, 25), at(12, 28), at(30, 40));

    assertThat(Exchanges.longestChain(copy)).isEqualTo(3);
  }

  @Test
  void overlappingRequestsFormNoChainAndNothingIsZero() {
    assertThat(Exchanges.longestChain(List.of(at(0, 10), at(5, 15), at(9, 20)))).isEqualTo(1);
    assertThat(Exchanges.longestChain(List.of())).isZero();
  }

  @Test
  void theLongestPathWinsOverTheOneThatStartsFirst() {
    List<Exchange> exchanges = List.of(at(0, 100), at(1, 2), at(3, 4), at(5, 6), at(101, 102));

    assertThat(Exchanges.longestChain(exchanges)).isEqualTo(4);
    assertThat(Exchanges.criticalPath(exchanges)).extracting(Exchange::startNanos).containsExactly(1L, 3L, 5L, 101L);
  }
}
