package io.quiver.spark.ingest;

import java.io.Serializable;

/**
 * A file a task wrote to its staging folder, and where the commit moves it.
 *
 * @param staged the file's location in the task attempt's staging folder
 * @param target its location in the group's data folder
 * @param rows the rows it holds
 */
record StagedFile(String staged, String target, int rows) implements Serializable {
  private static final long serialVersionUID = 1L;
}
