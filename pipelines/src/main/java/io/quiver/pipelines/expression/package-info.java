/**
 * The expression language of pipeline definitions ({@code Get}, {@code Std:Join}, {@code
 * Std:JsonGet}) and the conditions of Condition steps.
 *
 * <p>Expressions stay JSON until a step starts; {@link
 * io.quiver.pipelines.expression.ReferenceScanner} checks their shape when a definition is read and
 * {@link io.quiver.pipelines.expression.ExpressionResolver} evaluates them against one execution.
 * Stateless apart from the context given; thread-safe.
 */
@NullMarked
package io.quiver.pipelines.expression;

import org.jspecify.annotations.NullMarked;
