/**
 * Pipeline definitions (schema 2020-12-01): parsing, validation and the step DAG.
 *
 * <p>Priorities: accept what the SageMaker Python SDK emits and the published schema's spellings;
 * refuse everything else whole, with a message naming the step or parameter. Values here are
 * immutable and thread-safe.
 */
@NullMarked
package io.quiver.pipelines.definition;

import org.jspecify.annotations.NullMarked;
