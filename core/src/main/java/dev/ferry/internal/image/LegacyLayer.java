package dev.ferry.internal.image;

import dev.ferry.FerryLimits;
import dev.ferry.copy.ImageLocationException;
import dev.ferry.copy.ImageLocationException.Problem;
import dev.ferry.internal.json.JsonReadException;
import dev.ferry.internal.json.JsonReader;
import dev.ferry.manifest.Descriptor;
import dev.ferry.manifest.MediaTypes;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A layer tar of a legacy docker-archive as it goes to a registry: as stored when it is
 * already gzip-compressed, else compressed on the way. Its compressed digest and size are
 * learned by one pass over the archive when the image is opened (the uncompressed bytes
 * checked against the config's diff ID at the same time); the second pass, when the blob
 * is sent, is checked against them.
 *
 * @param entry the tar entry
 * @param descriptor what the registry gets
 * @param diffId the uncompressed digest from the config
 * @param compressInTransit whether the entry is compressed as it is read
 */
record LegacyLayer(TarEntry entry, Descriptor descriptor, Digest diffId, boolean compressInTransit) {
  private static final JsonReader JSON = new JsonReader(FerryLimits.MAX_JSON_DEPTH, FerryLimits.MAX_MANIFEST_BYTES);
  private static final Pattern HEX_NAME = Pattern.compile("(?:^|/)(?:blobs/sha256/)?([0-9a-f]{64})(?:\\.json)?$");

  static LegacyLayer measure(TarIndex tar, TarEntry entry, Digest diffId) {
    boolean gzipped;
    try (InputStream in = tar.open(entry)) {
      byte[] magic = in.readNBytes(2);
      gzipped = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    } catch (IOException e) {
      throw unreadable(tar.file(), entry, e);
    }
    MessageDigest sha = sha256();
    long size = 0;
    try (InputStream in = gzipped ? tar.open(entry) : new GzipStream(verified(tar, entry, diffId))) {
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw unreadable(tar.file(), entry, e);
    }
    Digest digest = new Digest(Digest.SHA256, HexFormat.of().formatHex(sha.digest()));
    return new LegacyLayer(entry, Descriptor.of(MediaTypes.DOCKER_LAYER_TAR_GZIP, digest, size), diffId, !gzipped);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The stream a registry gets, verified against the digest learned when measuring. */
  InputStream open(TarIndex tar) throws IOException {
    InputStream raw = compressInTransit ? new GzipStream(verified(tar, entry, diffId)) : tar.open(entry);
    return new CheckedStream(raw, descriptor, tar.file(), entry.name());
  }

  private static InputStream verified(TarIndex tar, TarEntry entry, Digest diffId) throws IOException {
    return new CheckedStream(tar.open(entry), Descriptor.of(MediaTypes.DOCKER_LAYER_TAR, diffId, entry.size()),
        tar.file(), entry.name());
  }

  /** Docker names configs {@code <hex>.json} and newer archives {@code blobs/sha256/<hex>}: such a name must hold. */
  static void checkNamedDigest(Path archive, String path, Digest actual) {
    Matcher m = HEX_NAME.matcher(path);
    if (m.find() && !m.group(1).equals(actual.encoded())) {
      throw new ImageLocationException(archive, Problem.CORRUPT, path + " does not match its digest: "
          + new DigestMismatchException(new Digest(Digest.SHA256, m.group(1)), actual, -1, -1).getMessage(), null);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Digest> diffIds(Path archive, byte[] config) {
    try {
      Object rootfs = JSON.readObject(config).get("rootfs");
      if (rootfs instanceof Map<?, ?> map && map.get("diff_ids") instanceof List<?> list) {
        List<Digest> out = new ArrayList<>();
        for (Object o : list) {
          out.add(Digest.parse(String.valueOf(o)));
        }
        return out;
      }
    } catch (JsonReadException | dev.ferry.reference.InvalidDigestException e) {
      throw new ImageLocationException(archive, Problem.NOT_AN_IMAGE, "the image config is unreadable: "
          + e.getMessage(), e);
    }
    throw new ImageLocationException(archive, Problem.NOT_AN_IMAGE, "the image config has no rootfs.diff_ids", null);
  }

  private static ImageLocationException unreadable(Path archive, TarEntry entry, IOException e) {
    return new ImageLocationException(archive, Problem.IO, "cannot read " + entry.name() + ": " + e.getMessage(), e);
  }
}
