package dev.ferry.registry;

import dev.ferry.FerryLimits;
import dev.ferry.internal.http.CallContext;
import dev.ferry.internal.http.Request;
import dev.ferry.internal.http.Urls;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What one listing (tags, repositories or referrers, over all its pages) has taken so
 * far, against {@link FerryLimits}: pages, entries and body bytes. A limit reached is a
 * {@link RegistryProtocolException}, never a shorter list: a mirror that prunes tags
 * missing from a list must not be handed part of one as if it were all of it.
 *
 * <p>Thread-safety: not thread-safe; one listing, one thread.
 */
final class ListBudget {
  private final String what;
  private final int maxEntries;
  private final String entriesLimit;
  private int pages;
  private int entries;
  private long bytes;

  /**
   * @param what what is listed, for messages: {@code tags}, {@code repositories}, {@code referrers}
   */
  ListBudget(String what, int maxEntries, String entriesLimit) {
    this.what = what;
    this.maxEntries = maxEntries;
    this.entriesLimit = entriesLimit;
  }

  static ListBudget forList(String field) {
    return new ListBudget(field, FerryLimits.MAX_LIST_ENTRIES, "FerryLimits.MAX_LIST_ENTRIES");
  }

  static ListBudget forReferrers() {
    return new ListBudget("referrers", FerryLimits.MAX_REFERRERS, "FerryLimits.MAX_REFERRERS");
  }

  /** Counts a page about to be requested. */
  void page(Request request, CallContext context) {
    if (++pages > FerryLimits.MAX_LIST_PAGES) {
      throw exceeded(request, context, FerryLimits.MAX_LIST_PAGES + " pages (FerryLimits.MAX_LIST_PAGES)");
    }
  }

  /** Counts entries of the current page. */
  void entries(Request request, CallContext context, int n) {
    entries += n;
    if (entries > maxEntries) {
      throw exceeded(request, context, maxEntries + " " + what + " (" + entriesLimit + ")");
    }
  }

  /** Counts body bytes read so far of the current page. */
  void bytes(Request request, CallContext context, long n) {
    bytes += n;
    if (bytes > FerryLimits.MAX_LIST_BYTES) {
      throw exceeded(request, context, FerryLimits.MAX_LIST_BYTES + " bytes of list bodies"
          + " (FerryLimits.MAX_LIST_BYTES)");
    }
  }

  /** The bytes left before the byte limit, plus one so that crossing it is seen. */
  int bytesLeft() {
    return (int) Math.min(Integer.MAX_VALUE, FerryLimits.MAX_LIST_BYTES - bytes + 1);
  }

  /** A body that counts what is read of it against the byte limit as it streams. */
  InputStream counting(InputStream body, Request request, CallContext context) {
    return new FilterInputStream(body) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytes(request, context, 1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          bytes(request, context, n);
        }
        return n;
      }
    };
  }

  private RegistryProtocolException exceeded(Request request, CallContext context, String limit) {
    String subject = context.repository() == null || what.equals("repositories")
        ? "the " + what + " list" : "the " + what + " list of " + context.repository();
    return new RegistryProtocolException(subject + " is longer than Ferry's limit of " + limit
        + "; refused whole rather than returned in part", context.registry(), context.repository(),
        request.method(), Urls.redact(request.uri()));
  }
}
