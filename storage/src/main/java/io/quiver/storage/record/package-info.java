/**
 * Records as SageMaker's runtime API carries them (a list of named string values), their validation
 * against a feature group, and event times.
 *
 * <p>Priorities: a record that breaks a rule is refused whole, with a message naming the rule; a
 * valid record keeps the exact strings it was written with, so GetRecord answers what PutRecord
 * sent. All types are immutable and thread-safe.
 */
@NullMarked
package io.quiver.storage.record;

import org.jspecify.annotations.NullMarked;
