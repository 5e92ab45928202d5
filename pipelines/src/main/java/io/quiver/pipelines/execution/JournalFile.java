package io.quiver.pipelines.execution;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.storage.error.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only journal of JSON events, one per line as {@code <crc32c hex> <json>\n}, each forced
 * to disk before {@link #append} returns. Not thread-safe: its execution's runner serializes
 * appends.
 *
 * <p>Durability: an event is acknowledged once forced. A crash can leave at most the last line torn
 * (short, or without its newline); {@link #read} drops such a tail and {@link #open} truncates it,
 * since it was never acknowledged. A line whose checksum fails before the tail is damage, not a
 * torn write, and is reported with the file's name rather than read as a wrong state.
 */
final class JournalFile implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path path;
  private final FileChannel channel;

  private JournalFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Opens {@code path} for appending, creating it, and cuts a torn tail left by a crash. */
  static JournalFile open(Path path) {
    try {
      long valid = Files.exists(path) ? scan(path, new ArrayList<>()) : 0;
      FileChannel channel =
          FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.truncate(valid);
      channel.position(valid);
      return new JournalFile(path, channel);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the pipeline journal " + path, e);
    }
  }

  /**
   * The events in {@code path}, oldest first, without a torn tail.
   *
   * @throws StorageException if a line before the tail is damaged
   */
  static List<JsonNode> read(Path path) {
    List<JsonNode> events = new ArrayList<>();
    try {
      scan(path, events);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the pipeline journal " + path, e);
    }
    return events;
  }

  /** Reads whole, checked lines into {@code events}; returns the byte length they span. */
  private static long scan(Path path, List<JsonNode> events) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    int start = 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNumber++;
      if (end == bytes.length) {
        return start; // torn tail: no newline, never acknowledged
      }
      JsonNode event = parse(bytes, start, end);
      if (event == null) {
        if (isLastLine(bytes, end)) {
          return start;
        }
        throw new StorageException(
            "Cannot read the pipeline journal "
                + path
                + ": line "
                + lineNumber
                + " is damaged (checksum mismatch); the execution's state cannot be trusted");
      }
      events.add(event);
      start = end + 1;
    }
    return start;
  }

  private static boolean isLastLine(byte[] bytes, int newline) {
    return newline == bytes.length - 1;
  }

  private static JsonNode parse(byte[] bytes, int start, int end) {
    if (end - start < 10 || bytes[start + 8] != ' ') {
      return null;
    }
    String crcText = new String(bytes, start, 8, UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(bytes, start + 9, end - start - 9);
    long expected;
    try {
      expected = Long.parseLong(crcText, 16);
    } catch (NumberFormatException e) {
      return null;
    }
    if (crc.getValue() != expected) {
      return null;
    }
    try {
      return MAPPER.readTree(bytes, start + 9, end - start - 9);
    } catch (IOException e) {
      return null;
    }
  }

  /** Appends {@code event} and forces it to disk. */
  void append(JsonNode event) {
    try {
      byte[] json = MAPPER.writeValueAsBytes(event);
      CRC32C crc = new CRC32C();
      crc.update(json);
      String prefix = HexFormat.of().toHexDigits((int) crc.getValue()) + " ";
      ByteBuffer buffer = ByteBuffer.allocate(prefix.length() + json.length + 1);
      buffer.put(prefix.getBytes(UTF_8)).put(json).put((byte) '\n').flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the pipeline journal " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the pipeline journal " + path, e);
    }
  }
}
