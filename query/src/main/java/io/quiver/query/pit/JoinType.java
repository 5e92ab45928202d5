package io.quiver.query.pit;

/** What happens to a base row that a feature group has no matching row for. */
public enum JoinType {
  /** The base row is dropped (SageMaker's default). */
  INNER,
  /** The base row is kept with nulls for the group's features. */
  LEFT
}
