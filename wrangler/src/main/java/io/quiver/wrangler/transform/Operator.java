package io.quiver.wrangler.transform;

/**
 * A family of transforms as a flow names it (one operator id, sub-operators chosen by a parameter),
 * compiling a node's parameters into a {@link Step}. Implementations are stateless.
 */
public interface Operator {

  /** The family's name: {@code encode_categorical}, {@code process_numeric}, ... */
  String family();

  /**
   * Compiles a node.
   *
   * @throws StepException if the parameters or the input columns break the operator's rules
   */
  Step compile(StepContext context);
}
