package io.quiver.pipelines.step;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** {@code model.tar.gz}: a model folder packed as SageMaker packs {@code /opt/ml/model}. */
final class ModelArtifacts {
  /** The largest artifact unpacked (a guard against a hostile archive). */
  private static final long MAX_UNPACKED_BYTES = 16L << 30;

  private ModelArtifacts() {}

  /** {@code folder}'s files as a gzip-compressed tar, paths relative to it. */
  static byte[] pack(Path folder) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(folder)) {
        try (Stream<Path> walk = Files.walk(folder)) {
          walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      }
      for (Path file : files) {
        TarArchiveEntry entry =
            new TarArchiveEntry(
                file.toFile(), folder.relativize(file).toString().replace('\\', '/'));
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot pack " + folder, e);
    }
    return bytes.toByteArray();
  }

  /** Unpacks {@code archive} into {@code folder}, refusing entries that would leave it. */
  static void unpack(byte[] archive, Path folder) {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
      Path root = folder.toAbsolutePath().normalize();
      long total = 0;
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("entry " + e.getName() + " leaves the model folder");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          total += copy(tar, out, MAX_UNPACKED_BYTES - total);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the model artifact into " + folder, e);
    }
  }

  private static long copy(InputStream in, OutputStream out, long budget) throws IOException {
    byte[] buffer = new byte[8192];
    long copied = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      copied += n;
      if (copied > budget) {
        throw new IOException("the archive unpacks to more than 16 GiB");
      }
      out.write(buffer, 0, n);
    }
    return copied;
  }
}
