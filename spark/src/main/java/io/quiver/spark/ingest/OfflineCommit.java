package io.quiver.spark.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's commit of an offline ingestion job: the list of moves (staged file to data folder)
 * is written to {@code _commit} in the job's staging folder, then each file is renamed into place,
 * then the staging folder is deleted. A driver that dies during the moves leaves the list; the next
 * ingestion into the group replays it ({@link #recover}), and replaying is idempotent (a move whose
 * target exists and whose source is gone is done). Files of failed or superseded task attempts are
 * never in the list and go with the staging folder.
 */
final class OfflineCommit {
  static final String COMMIT_FILE = "_commit";

  private OfflineCommit() {}

  /** Commits {@code files}, staged below {@code stagingJob}. */
  static void commit(FileSystem fs, Path stagingJob, List<StagedFile> files) throws IOException {
    Path list = new Path(stagingJob, COMMIT_FILE);
    Path temporary = new Path(stagingJob, "_commit.tmp");
    try (FSDataOutputStream out = fs.create(temporary, true)) {
      for (StagedFile file : files) {
        out.write((file.staged() + "\t" + file.target() + "\n").getBytes(UTF_8));
      }
      out.hsync();
    }
    if (!fs.rename(temporary, list)) {
      throw new IOException("Cannot record the commit of offline ingestion in " + list);
    }
    replay(fs, stagingJob);
  }

  /** Completes every job below {@code stagingRoot} whose commit list was written. */
  static int recover(FileSystem fs, Path stagingRoot) throws IOException {
    if (!fs.exists(stagingRoot)) {
      return 0;
    }
    int recovered = 0;
    for (FileStatus job : fs.listStatus(stagingRoot)) {
      if (job.isDirectory() && fs.exists(new Path(job.getPath(), COMMIT_FILE))) {
        replay(fs, job.getPath());
        recovered++;
      }
    }
    return recovered;
  }

  private static void replay(FileSystem fs, Path stagingJob) throws IOException {
    List<String[]> moves = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(fs.open(new Path(stagingJob, COMMIT_FILE)), UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          moves.add(line.split("\t", -1));
        }
      }
    }
    for (String[] move : moves) {
      Path staged = new Path(move[0]);
      Path target = new Path(move[1]);
      if (!fs.exists(staged)) {
        if (fs.exists(target)) {
          continue; // moved before a crash
        }
        throw new IOException(
            "Cannot commit offline ingestion: staged file " + staged + " is missing");
      }
      fs.mkdirs(target.getParent());
      if (fs.exists(target)) {
        // a move interrupted half-way on a store without atomic rename: the staged file is whole
        fs.delete(target, false);
      }
      if (!fs.rename(staged, target)) {
        throw new IOException("Cannot move staged file " + staged + " to " + target);
      }
    }
    fs.delete(stagingJob, true);
  }
}
