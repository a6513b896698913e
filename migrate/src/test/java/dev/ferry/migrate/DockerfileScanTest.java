package dev.ferry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileScanTest {
  static ImageScan scan(String name, String text) {
    return ImageScan.of(Path.of(name), new StringReader(text));
  }

  static List<String> texts(ImageScan scan) {
    return scan.uses().stream().map(u -> u.text() + "@" + u.line() + ":" + u.column() + " " + u.place()).toList();
  }

  @Test
  void findsEveryFromWithPlatformFlagsAndStageNamesButNotStagesOrScratch() {
    ImageScan scan = scan("Dockerfile", """
        # syntax=docker/dockerfile:1
        FROM --platform=$BUILDPLATFORM golang:1.22 AS build
        RUN go build ./...
        from build as test
        FROM Build
        FROM scratch
        FROM gcr.io/distroless/static:nonroot
        COPY --from=build /out /app
        COPY --from=0 /out /app2
        """);

    assertThat(texts(scan)).containsExactly(
        "golang:1.22@2:32 DOCKERFILE_FROM",
        "gcr.io/distroless/static:nonroot@7:6 DOCKERFILE_FROM");
    assertThat(scan.uses().get(0).reference().toString()).isEqualTo("docker.io/library/golang:1.22");
    assertThat(scan.unresolved()).isEmpty();
  }

  @Test
  void findsCopyFromAndMountFromImages() {
    ImageScan scan = scan("app.Dockerfile", """
        FROM alpine:3.20 AS base
        COPY --chown=1000 --from=nginx:1.27 /etc/nginx/nginx.conf /etc/
        RUN --mount=type=bind,from=busybox:1.36,source=/bin,target=/b ls /b
        RUN --mount=type=cache,target=/root/.cache,from=base ls
        COPY --from=base /a /b
        """);

    assertThat(texts(scan)).containsExactly(
        "alpine:3.20@1:6 DOCKERFILE_FROM",
        "nginx:1.27@2:26 DOCKERFILE_COPY_FROM",
        "busybox:1.36@3:28 DOCKERFILE_MOUNT_FROM");
  }

  @Test
  void joinsLineContinuationsAndSkipsCommentsInsideThem() {
    ImageScan scan = scan("Dockerfile.prod", "FROM \\\n  # the base\n  --platform=linux/amd64 \\\n  python:3.12-slim \\\n  AS app\nRUN echo hi\n");

    assertThat(texts(scan)).containsExactly("python:3.12-slim@4:3 DOCKERFILE_FROM");
  }

  @Test
  void honoursTheEscapeDirective() {
    ImageScan scan = scan("Containerfile", "# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\\n");

    assertThat(texts(scan)).containsExactly("mcr.microsoft.com/windows/servercore:ltsc2022@3:3 DOCKERFILE_FROM");
  }

  @Test
  void resolvesArgDefaultsInEveryBuildKitFormToTheArgLine() {
    ImageScan scan = scan("Dockerfile", """
        ARG BASE=python:3.12
        ARG RUNTIME="gcr.io/distroless/python3:nonroot"
        ARG UNSET
        FROM ${BASE} AS build
        FROM $BASE AS again
        FROM ${UNSET:-debian:12-slim}
        FROM ${RUNTIME}
        """);

    assertThat(texts(scan)).containsExactly(
        "python:3.12@1:10 DOCKERFILE_ARG",
        "gcr.io/distroless/python3:nonroot@2:14 DOCKERFILE_ARG",
        "debian:12-slim@6:15 DOCKERFILE_FROM");
    assertThat(scan.unresolved()).isEmpty();
  }

  @Test
  void listsImagesBuiltFromSeveralArgsOrFromArgsWithoutDefaultAsUnresolved() {
    ImageScan scan = scan("Dockerfile", """
        ARG PY=3.12
        ARG IMAGE
        FROM python:${PY}-slim
        FROM ${IMAGE}
        FROM ${IMAGE:+x}
        """);

    assertThat(scan.uses()).isEmpty();
    assertThat(scan.unresolved()).extracting(UnresolvedImage::line, UnresolvedImage::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3, "python:${PY}-slim"),
        org.assertj.core.groups.Tuple.tuple(4, "${IMAGE}"),
        org.assertj.core.groups.Tuple.tuple(5, "${IMAGE:+x}"));
    assertThat(scan.unresolved().get(0).reason()).contains("expands to python:3.12-slim");
    assertThat(scan.unresolved().get(1).reason()).contains("IMAGE has no default");
  }

  @Test
  void anArgInsideAStageIsNotSeenByLaterFroms() {
    ImageScan scan = scan("Dockerfile", """
        FROM alpine:3.20
        ARG LATER=busybox:1.36
        FROM ${LATER:-alpine:3.19}
        """);

    assertThat(texts(scan)).containsExactly("alpine:3.20@1:6 DOCKERFILE_FROM", "alpine:3.19@3:15 DOCKERFILE_FROM");
  }

  @Test
  void oneArgUsedByTwoFromsIsOnePlace() {
    ImageScan scan = scan("Dockerfile", "ARG B=node:20\nFROM $B AS one\nFROM ${B} AS two\n");

    assertThat(texts(scan)).containsExactly("node:20@1:7 DOCKERFILE_ARG");
  }

  @Test
  void heredocBodiesAreNotInstructions() {
    ImageScan scan = scan("Dockerfile", """
        FROM alpine:3.20
        RUN <<EOF
        FROM evil:1
        echo done
        EOF
        COPY <<-"END" /etc/x
        	FROM also-not:2
        	END
        FROM busybox:1.36
        """);

    assertThat(texts(scan)).containsExactly("alpine:3.20@1:6 DOCKERFILE_FROM", "busybox:1.36@9:6 DOCKERFILE_FROM");
  }

  @Test
  void invalidReferencesAreListedWithTheReason() {
    ImageScan scan = scan("Dockerfile", "FROM Nginx:1.27\nFROM nginx:bad tag\n");

    assertThat(scan.uses()).extracting(ImageUse::text).containsExactly("nginx:bad");
    assertThat(scan.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.text()).isEqualTo("Nginx:1.27");
      assertThat(u.reason()).startsWith("not a valid image reference");
    });
  }

  @Test
  void crlfLineEndsKeepPositions() {
    ImageScan scan = scan("Dockerfile", "ARG X=1\r\nFROM \\\r\n  redis:7 AS r\r\nFROM r\r\n");

    assertThat(texts(scan)).containsExactly("redis:7@3:3 DOCKERFILE_FROM");
  }

  @Test
  void aByteOrderMarkDoesNotHideTheFirstInstruction() {
    ImageScan scan = scan("Dockerfile", "\uFEFFFROM alpine:3.20\n");

    assertThat(texts(scan)).containsExactly("alpine:3.20@1:7 DOCKERFILE_FROM");
  }

  @Test
  void readsSeveralArgsOnOneLineAndAGlobalArgRedeclaredInAStageForCopyFrom() {
    ImageScan scan = scan("Dockerfile", """
        ARG TOOLS='busybox:1.36' BASE="alpine:3.20"
        FROM $BASE
        ARG TOOLS
        COPY --from=${TOOLS} /bin/busybox /bin/
        """);

    assertThat(texts(scan)).containsExactly("busybox:1.36@1:12 DOCKERFILE_ARG", "alpine:3.20@1:32 DOCKERFILE_ARG");
  }
}
