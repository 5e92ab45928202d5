/**
 * Schema inference: feature definitions guessed from the data, as the SageMaker Python SDK's {@code
 * load_feature_definitions} does (strings to String, integers to Integral, floating point to
 * Fractional), with CSV text sniffed for numbers.
 *
 * <p>Priorities: a predictable rule over a clever one, and a clear error when the record identifier
 * or event time column cannot serve. Stateless and thread-safe; results are immutable.
 */
@NullMarked
package io.quiver.wrangler.schema;

import org.jspecify.annotations.NullMarked;
