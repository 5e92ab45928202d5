package io.quiver.storage.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Puts of whole objects and of objects in slices; listing a local folder while puts write into it.
 */
class LocalObjectStoreTest {
  @TempDir Path root;

  @Test
  void listingLeavesOutTheTemporaryFilesOfPutsInProgress() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root);
    store.put("data/a.parquet", "a".getBytes(UTF_8));
    Files.write(root.resolve("data/.b.parquet.tmp"), "partial".getBytes(UTF_8));
    Files.write(root.resolve("data/.a.parquet.crc"), "checksum".getBytes(UTF_8));
    assertThat(store.list("data"))
        .extracting(StoredObject::key)
        .containsExactly("data/.a.parquet.crc", "data/a.parquet");
    assertThat(store.list("data")).extracting(StoredObject::sizeBytes).containsExactly(8L, 1L);
  }

  @Test
  void putsWithoutSyncAreWholeAndListedAndSyncTakesNewFolders() {
    LocalObjectStore store = new LocalObjectStore(root.resolve("base"));
    List<String> keys = List.of("g/year=2024/month=01/a.parquet", "g/year=2025/month=02/b.parquet");
    store.putWithoutSync(keys.get(0), "a".getBytes(UTF_8));
    store.putWithoutSync(keys.get(1), "bb".getBytes(UTF_8));
    store.putWithoutSync(keys.get(1), "b".getBytes(UTF_8));
    store.sync(keys);
    assertThat(store.list("g")).extracting(StoredObject::key).containsExactlyElementsOf(keys);
    assertThat(store.read(keys.get(1))).isEqualTo("b".getBytes(UTF_8));
  }

  /**
   * An object given in slices is their remaining bytes one after the other, whatever their offsets
   * and however many of the store's write slices (1 MB) they span; the caller's slices are left as
   * they were.
   */
  @Test
  void anObjectPutInSlicesIsTheSlicesOneAfterTheOther() {
    LocalObjectStore store = new LocalObjectStore(root);
    byte[] large = new byte[(3 << 20) + 7];
    new Random(1).nextBytes(large);
    byte[] small = "header|tail|".getBytes(UTF_8);
    ByteBuffer[] slices = {
      ByteBuffer.wrap(large, 5, large.length - 10),
      ByteBuffer.wrap(small, 7, 5),
      ByteBuffer.allocate(0)
    };
    store.put("data/a.parquet", slices);
    store.putWithoutSync("data/b.parquet", slices);
    byte[] expected = new byte[large.length - 10 + 5];
    System.arraycopy(large, 5, expected, 0, large.length - 10);
    System.arraycopy(small, 7, expected, large.length - 10, 5);
    assertThat(store.read("data/a.parquet")).isEqualTo(expected);
    assertThat(store.read("data/b.parquet")).isEqualTo(expected);
    assertThat(slices[0].position()).isEqualTo(5);
    assertThat(slices[1].remaining()).isEqualTo(5);
  }

  @Test
  void missingFolderListsEmpty() {
    assertThat(new LocalObjectStore(root).list("nowhere")).isEmpty();
  }

  /**
   * Each put creates a temporary file and renames it away; a listing racing with them must not fail
   * on a file that vanished between being listed and being read (the offline flusher and a reader
   * of the offline files race this way).
   */
  @Test
  void listingWhilePutsRenameTheirTemporaryFilesNeverFails() throws Exception {
    LocalObjectStore store = new LocalObjectStore(root);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> puts =
          writer.submit(
              () -> {
                try {
                  for (int i = 0; i < 2_000; i++) {
                    store.put("data/hour=" + (i % 10) + "/part-" + i + ".parquet", new byte[] {1});
                  }
                } finally {
                  writing.set(false);
                }
                return null;
              });
      int listings = 0;
      while (writing.get() || listings == 0) {
        List<StoredObject> objects = store.list("data");
        assertThat(objects).allSatisfy(o -> assertThat(o.key()).endsWith(".parquet"));
        listings++;
      }
      puts.get(60, TimeUnit.SECONDS);
      assertThat(store.list("data")).hasSize(2_000);
    } finally {
      writer.shutdownNow();
    }
  }
}
