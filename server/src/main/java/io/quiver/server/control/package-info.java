/**
 * The SageMaker control plane for feature groups (JSON 1.1: {@code POST /} with {@code
 * X-Amz-Target: SageMaker.<Operation>}): Create, Describe, List, Delete and Update feature groups,
 * Describe and Update feature metadata, with SageMaker's members, status fields and error shape
 * ({@code {"__type":..,"Message":..}}, HTTP 400). One small handler per operation; all are
 * stateless and thread-safe. Definition rules are the catalog's; only wire shape is checked here.
 */
@NullMarked
package io.quiver.server.control;

import org.jspecify.annotations.NullMarked;
