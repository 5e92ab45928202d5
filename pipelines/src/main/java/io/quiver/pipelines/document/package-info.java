/**
 * Durable JSON documents: whole files replaced atomically, so that after a crash a reader sees the
 * old document or the new one, never a mix. Stateless; thread-safe for distinct paths.
 */
@NullMarked
package io.quiver.pipelines.document;

import org.jspecify.annotations.NullMarked;
