package dev.ferry.manifest;

import dev.ferry.FerryException;
import dev.ferry.reference.Digest;
import dev.ferry.reference.DigestMismatchException;
import dev.ferry.reference.InvalidDigestException;
import java.util.Base64;
import java.util.List;

/** Reads descriptors and platforms out of a parsed JSON document. */
final class DescriptorReader {
  private DescriptorReader() {}

  /** Reads a descriptor; mediaType, digest and size are required, unknown fields are ignored. */
  static Descriptor read(JsonFields json) {
    ParseContext context = json.context();
    String mediaType = json.requiredString("mediaType");
    String digestText = json.requiredString("digest");
    long size = json.requiredSize("size");
    DescriptorBuilder builder = Descriptor.builder();
    String field = "mediaType";
    try {
      builder.mediaType(mediaType);
      field = "digest";
      builder.digest(Digest.parse(digestText));
      builder.size(size);
      field = "urls";
      builder.urls(json.optionalStringArray("urls"));
      field = "annotations";
      builder.annotations(json.optionalStringMap("annotations"));
      field = "artifactType";
      json.optionalString("artifactType").ifPresent(builder::artifactType);
      field = "platform";
      json.optionalObject("platform").map(DescriptorReader::platform).ifPresent(builder::platform);
      field = "data";
      json.optionalString("data").map(data -> decode(data, json)).ifPresent(builder::data);
      return builder.build();
    } catch (InvalidDigestException e) {
      throw context.invalid(json.path("digest") + " is not a valid digest: " + e.reason(), e);
    } catch (DigestMismatchException e) {
      throw context.invalid(json.path("data") + " does not match the descriptor's digest and size: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      throw context.invalid(message.startsWith(field + " ")
          ? json.path(field) + message.substring(field.length()) : json.path(field) + ": " + message, e);
    }
  }

  /** Reads a platform object: os and architecture are required, as the OCI and Docker specs say. */
  static Platform platform(JsonFields json) {
    String architecture = json.requiredString("architecture");
    String os = json.requiredString("os");
    String osVersion = json.optionalString("os.version").orElse(null);
    List<String> osFeatures = json.optionalStringArray("os.features");
    String variant = json.optionalString("variant").orElse(null);
    try {
      return Platform.of(os, architecture, variant, osVersion, osFeatures);
    } catch (IllegalArgumentException | FerryException e) {
      throw json.context().invalid(json.where() + " is not a valid platform: " + e.getMessage(), e);
    }
  }

  private static byte[] decode(String data, JsonFields json) {
    try {
      return Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw json.context().invalid(json.path("data") + " is not valid base64 (RFC 4648): " + e.getMessage(), e);
    }
  }
}
