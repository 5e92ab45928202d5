package io.quiver.pipelines.definition;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A step's opt-in cache setting.
 *
 * @param enabled whether earlier successful runs with the same key may be reused
 * @param expireAfter how old a reused run may be, or {@code null} for no limit
 */
public record CacheConfig(boolean enabled, @Nullable Duration expireAfter) {
  /** Caching off. */
  public static final CacheConfig DISABLED = new CacheConfig(false, null);
}
