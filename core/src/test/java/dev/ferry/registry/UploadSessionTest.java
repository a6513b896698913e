package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.internal.http.CallContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadSessionTest {
  @Test
  void nextOffsetFollowsTheInclusiveRangeEnd() {
    assertThat(UploadSession.nextOffset(Optional.of("0-9999"))).isEqualTo(10_000);
    assertThat(UploadSession.nextOffset(Optional.of("bytes=0-4"))).isEqualTo(5);
    assertThat(UploadSession.nextOffset(Optional.of(" 0-1 "))).isEqualTo(2);
  }

  @Test
  void aSessionHoldingNothingOrNoHeaderStartsAtZero() {
    assertThat(UploadSession.nextOffset(Optional.of("0-0"))).isZero();
    assertThat(UploadSession.nextOffset(Optional.empty())).isZero();
    assertThat(UploadSession.nextOffset(Optional.of(""))).isZero();
    assertThat(UploadSession.nextOffset(Optional.of("garbage"))).isZero();
    assertThat(UploadSession.nextOffset(Optional.of("0-x"))).isZero();
  }

  @Test
  void digestParameterKeepsTheRegistrysOwnQuery() {
    CallContext context = new CallContext("localhost:5000", "a/b");
    UploadSession withState = new UploadSession(URI.create("http://localhost:5000/v2/a/b/blobs/uploads/u?_state=x"),
        context, List.of(), 1);
    UploadSession bare = new UploadSession(URI.create("http://localhost:5000/v2/a/b/blobs/uploads/u"), context,
        List.of(), 1);

    assertThat(withState.withQuery("digest=sha256:ab")).hasToString(
        "http://localhost:5000/v2/a/b/blobs/uploads/u?_state=x&digest=sha256:ab");
    assertThat(bare.withQuery("digest=sha256:ab")).hasToString("http://localhost:5000/v2/a/b/blobs/uploads/u?digest=sha256:ab");
  }
}
