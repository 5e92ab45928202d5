package io.quiver.query.timeline;

/** Stable merge sort of int arrays by a primitive comparator, without boxing. Stateless. */
final class IntSorter {
  /** Compares two ints. */
  interface IntComparator {
    int compare(int a, int b);
  }

  private IntSorter() {}

  static void sort(int[] a, int from, int to, int[] buffer, IntComparator c) {
    if (to - from <= 24) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && c.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, from, mid, buffer, c);
    sort(a, mid, to, buffer, c);
    if (c.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, buffer, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = c.compare(buffer[j], buffer[i]) < 0 ? buffer[j++] : buffer[i++];
    }
    while (i < mid) {
      a[k++] = buffer[i++];
    }
    while (j < to) {
      a[k++] = buffer[j++];
    }
  }
}
