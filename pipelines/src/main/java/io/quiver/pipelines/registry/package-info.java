/**
 * The local model registry: models, model package groups, versioned model packages and their
 * approval status, as SageMaker's CreateModel/CreateModelPackage APIs describe them. Thread-safe.
 */
@NullMarked
package io.quiver.pipelines.registry;

import org.jspecify.annotations.NullMarked;
