package dev.ferry.security;

import dev.ferry.FerryLimits;
import dev.ferry.manifest.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * The bodies a hostile registry serves: each is as large as Ferry's own size limit
 * lets it be (so only a count limit or skipping can stop it), generated as it is
 * written rather than held whole.
 */
final class HostileBodies {
  static final String CONFIG = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
      + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}";
  static final String LAYER = "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:"
      + "5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9\",\"size\":1}";

  private HostileBodies() {}

  /** A valid image manifest padded to the 4 MiB limit with 1.4 million {@code {}} in a field nobody knows. */
  static byte[] manifestWithUnknownPadding() {
    return padded("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST + "\",\"config\":" + CONFIG
        + ",\"layers\":[" + LAYER + "],\"x-padding\":[", "{}", "]}");
  }

  /** An image manifest whose annotations fill the 4 MiB limit: over 400,000 tiny entries. */
  static byte[] manifestWithAnnotationFlood() {
    StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_IMAGE_MANIFEST
        + "\",\"config\":" + CONFIG + ",\"layers\":[],\"annotations\":{");
    for (int i = 0; sb.length() < FerryLimits.MAX_MANIFEST_BYTES - 16; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append("\":\"\"");
    }
    return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code head + item,item,... + tail}, as many items as fit in {@link FerryLimits#MAX_MANIFEST_BYTES}. */
  static byte[] padded(String head, String item, String tail) {
    int room = FerryLimits.MAX_MANIFEST_BYTES - head.length() - tail.length();
    int count = (room + 1) / (item.length() + 1);
    StringBuilder sb = new StringBuilder(FerryLimits.MAX_MANIFEST_BYTES).append(head);
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append(item);
    }
    return sb.append(tail).toString().getBytes(StandardCharsets.UTF_8);
  }

  static MockResponse manifest(byte[] body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", MediaTypes.OCI_IMAGE_MANIFEST)
        .body(new okio.Buffer().write(body)).build();
  }

  /**
   * A tags page of {@code count} generated tags {@code prefix0, prefix1, ...}, written as it
   * streams, with a {@code Link} to {@code next} when that is not null.
   */
  static MockResponse tagsPage(String field, String prefix, int count, String next) {
    return tagsPage(field, prefix, count, Integer.MAX_VALUE, next);
  }

  /** Like {@link #tagsPage(String, String, int, String)}, the numbers counting modulo {@code cycle}. */
  static MockResponse tagsPage(String field, String prefix, int count, int cycle, String next) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(new Generated(field, prefix, count, cycle));
    if (next != null) {
      b.setHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return b.build();
  }

  /** {@code {"<field>":["<prefix>0","<prefix>1",...]}} (ASCII), written in 64 KiB pieces. */
  private static final class Generated implements MockResponseBody {
    private final String field;
    private final String prefix;
    private final int count;
    private final int cycle;

    Generated(String field, String prefix, int count, int cycle) {
      this.field = field;
      this.prefix = prefix;
      this.count = count;
      this.cycle = cycle;
    }

    @Override
    public long getContentLength() {
      // {"field":[ ... ]} with "prefix<i>" entries separated by commas
      long length = field.length() + 7 + Math.max(0, count - 1);
      for (int i = 0; i < count; i++) {
        length += prefix.length() + Integer.toString(i % cycle, 36).length() + 2;
      }
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      StringBuilder sb = new StringBuilder(70_000).append("{\"").append(field).append("\":[");
      for (int i = 0; i < count; i++) {
        sb.append(i == 0 ? "\"" : ",\"").append(prefix).append(Integer.toString(i % cycle, 36)).append('"');
        if (sb.length() > 64 * 1024) {
          sink.writeUtf8(sb.toString());
          sb.setLength(0);
        }
      }
      sink.writeUtf8(sb.append("]}").toString());
      sink.flush();
    }
  }
}
