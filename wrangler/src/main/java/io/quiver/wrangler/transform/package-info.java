/**
 * The transforms a flow's nodes run, one operator per Data Wrangler family (format string, handle
 * missing, encode categorical, ...), each compiled from a node's parameters into a step: row-wise
 * ({@link io.quiver.wrangler.transform.RowStep}, one implementation for batches and single
 * records), fitted first ({@link io.quiver.wrangler.transform.FitStep}) or over whole tables
 * ({@link io.quiver.wrangler.transform.TableStep}).
 *
 * <p>Priorities: Spark ML's and Data Wrangler's semantics where they define them (documented in
 * {@code docs/flows.md} where Quiver differs); every parameter checked when the flow compiles.
 * Operators and compiled steps are immutable and thread-safe.
 */
@NullMarked
package io.quiver.wrangler.transform;

import org.jspecify.annotations.NullMarked;
