package io.quiver.server.config;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * The process's limit on open files, which bounds how many connections a server can hold. Only the
 * JDK's {@code com.sun.management} interface reports it; on a platform without it the caller's
 * fallback is used. (The one class forbidden-apis' non-portable check leaves out.)
 */
final class FileDescriptorLimit {
  private FileDescriptorLimit() {}

  /** The maximum number of open file descriptors, or {@code fallback} if unknown. */
  static long of(long fallback) {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : fallback;
  }
}
