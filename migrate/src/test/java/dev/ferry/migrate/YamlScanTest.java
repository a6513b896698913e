package dev.ferry.migrate;

import static dev.ferry.migrate.DockerfileScanTest.scan;
import static dev.ferry.migrate.DockerfileScanTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlScanTest {
  @Test
  void findsContainersInitContainersAndEphemeralContainersOfEveryWorkloadKind() {
    ImageScan scan = scan("deploy.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: busybox:1.36
              containers:
                - {name: app, image: "ghcr.io/org/app:2.0"}   # flow style, quoted
                - name: sidecar
                  image: 'envoyproxy/envoy:v1.30.1' # the proxy
              ephemeralContainers:
              - name: debug
                image: nicolaka/netshoot
        ---
        apiVersion: batch/v1
        kind: CronJob
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - image: registry.k8s.io/kubectl:v1.30.0
        """);

    assertThat(texts(scan)).containsExactly(
        "busybox:1.36@8:18 KUBERNETES_CONTAINER",
        "ghcr.io/org/app:2.0@10:31 KUBERNETES_CONTAINER",
        "envoyproxy/envoy:v1.30.1@12:19 KUBERNETES_CONTAINER",
        "nicolaka/netshoot@15:16 KUBERNETES_CONTAINER",
        "registry.k8s.io/kubectl:v1.30.0@25:20 KUBERNETES_CONTAINER");
  }

  @Test
  void readsListKindsAndCustomResourcesAndIgnoresCommentsAndBlockScalars() {
    ImageScan scan = scan("cluster-dump.yml", """
        apiVersion: v1
        kind: List
        items:
        - kind: Pod
          spec:
            containers:
            # - image: commented/out:1
            - image: redis:7.2
        - apiVersion: example.com/v1
          kind: Database
          spec:
            image: postgres:16
            script: |
              image: not/an-image:1
              FROM not-either:2
        """);

    assertThat(texts(scan)).containsExactly(
        "redis:7.2@8:14 KUBERNETES_CONTAINER",
        "postgres:16@12:12 YAML_IMAGE_KEY");
  }

  @Test
  void anAnchoredImageIsOnePlaceAndItsAliasesAreNotOthers() {
    ImageScan scan = scan("compose.yaml", """
        x-base: &base
          image: &img python:3.12
        services:
          web:
            <<: *base
            ports: ["8000:8000"]
          worker:
            image: *img
          cache:
            image: redis:7
        """);

    assertThat(texts(scan)).containsExactly("python:3.12@2:15 YAML_IMAGE_KEY", "redis:7@10:12 COMPOSE_SERVICE");
  }

  @Test
  void helmTemplatesVariablesAndEmptyValuesAreUnresolvedNeverGuessed() {
    ImageScan scan = scan("pod.yaml", """
        spec:
          containers:
          - image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          - image: nginx:${NGINX_VERSION:-1.27}
          - image:
          - image: >
              folded:1
        """);

    assertThat(scan.uses()).isEmpty();
    assertThat(scan.unresolved()).extracting(UnresolvedImage::line).containsExactly(3, 4, 5, 6);
    assertThat(scan.unresolved().get(0).reason()).startsWith("Helm template");
    assertThat(scan.unresolved().get(1).reason()).startsWith("variable interpolation");
    assertThat(scan.unresolved().get(2).reason()).isEqualTo("empty image value");
    assertThat(scan.unresolved().get(3).reason()).startsWith("block scalar");
  }

  @Test
  void aTemplateFileThatIsNotYamlIsListedAsAHelmTemplate() {
    ImageScan scan = scan("templates/deployment.yaml", """
        {{- if .Values.enabled }}
        spec:
          containers:
          - image: {{ .Values.image }}
        {{- end }}
        """);

    assertThat(scan.uses()).isEmpty();
    assertThat(scan.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.place()).isEqualTo(ImagePlace.FILE);
      assertThat(u.reason()).startsWith("Helm template");
    });
  }

  @Test
  void composesHelmImageMapsAsTheCommonChartsDo() {
    ImageScan scan = scan("values.yaml", """
        image:
          registry: docker.io
          repository: bitnami/nginx
          tag: 1.27.0-debian-12-r0
          digest: ""
          pullPolicy: IfNotPresent
        metrics:
          image:
            repository: prom/nginx-exporter
            tag: "1.1"
        sidecarImage: {registry: quay.io, repository: org/tool, digest: "sha256:%s"}
        plain:
          image: "alpine:3.20"
        noTag:
          image:
            repository: chart/uses-appversion
        """.formatted("a".repeat(64)));

    assertThat(texts(scan)).containsExactly(
        "docker.io/bitnami/nginx:1.27.0-debian-12-r0@3:15 HELM_IMAGE_MAP",
        "prom/nginx-exporter:1.1@9:17 HELM_IMAGE_MAP",
        "quay.io/org/tool@sha256:" + "a".repeat(64) + "@11:47 HELM_IMAGE_MAP",
        "alpine:3.20@13:11 HELM_VALUE");
    assertThat(scan.unresolved()).singleElement().satisfies(u -> assertThat(u.reason()).contains("appVersion"));
  }

  @Test
  void crlfAndMultiByteTextKeepPositions() {
    ImageScan scan = scan("k.yaml", "# café ☕ 𝄞\r\nspec:\r\n  containers:\r\n  - name: ü\r\n    image: nginx:1.27 # 𝄞\r\n---\r\nimage: redis:7\r\n");

    assertThat(texts(scan)).containsExactly("nginx:1.27@5:12 KUBERNETES_CONTAINER", "redis:7@7:8 YAML_IMAGE_KEY");
  }

  @Test
  void invalidYamlIsListedWithTheParsersReason() {
    ImageScan scan = scan("broken.yaml", "spec:\n  image: [unclosed\n");

    assertThat(scan.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.place()).isEqualTo(ImagePlace.FILE);
      assertThat(u.reason()).startsWith("not valid YAML");
    });
  }

  @Test
  void aByteOrderMarkKeepsPositions() {
    ImageScan scan = scan("k.yaml", "\uFEFFimage: redis:7\n");

    assertThat(texts(scan)).containsExactly("redis:7@1:9 YAML_IMAGE_KEY");
    assertThat(scan.uses().get(0).slots().get(0).start()).isEqualTo(8);
  }

  @Test
  void aValuesImageMapOfAnotherLayoutIsListedButAnImageSchemaInACrdIsNot() {
    ImageScan values = scan("values.yaml", "image:\n  name: org/app\n  version: 1.0\n");
    ImageScan crd = scan("crd.yaml", "properties:\n  image:\n    type: string\n");

    assertThat(values.uses()).isEmpty();
    assertThat(values.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.line()).isEqualTo(2);
      assertThat(u.reason()).contains("without a repository");
    });
    assertThat(crd.uses()).isEmpty();
    assertThat(crd.unresolved()).isEmpty();
  }

  @Test
  void theStatusAClusterReportsIsNotAPlaceToMigrate() {
    ImageScan scan = scan("dump.yaml", """
        apiVersion: v1
        kind: Pod
        spec:
          containers:
          - image: nginx:1.27
        status:
          containerStatuses:
          - image: docker.io/library/nginx:1.27
            imageID: docker.io/library/nginx@sha256:%s
        """.formatted("c".repeat(64)));

    assertThat(texts(scan)).containsExactly("nginx:1.27@5:12 KUBERNETES_CONTAINER");
  }
}
