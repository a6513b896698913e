package dev.ferry.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An upload written to a temporary file of the storage directory. Thread-safe. */
final class FileBuffer implements UploadBuffer {
  private final Path file;
  private final OutputStream out;
  private long size;

  FileBuffer(Path file) throws IOException {
    this.file = file;
    this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    size += length;
  }

  @Override
  public synchronized long size() {
    return size;
  }

  synchronized void finish() throws IOException {
    out.close();
  }

  @Override
  public synchronized InputStream open(long offset) throws IOException {
    out.flush();
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    channel.position(offset);
    return Channels.newInputStream(channel);
  }

  @Override
  public synchronized void discard() throws IOException {
    out.close();
    Files.deleteIfExists(file);
  }
}
