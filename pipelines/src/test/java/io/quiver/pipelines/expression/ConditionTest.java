package io.quiver.pipelines.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every condition type, both spellings, and the comparison rules. */
class ConditionTest {
  static boolean test(String condition) {
    return Condition.parse(ExpressionResolverTest.json(condition))
        .test(new ExpressionResolver(ExpressionResolverTest.CONTEXT));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      value = {
        "{'Type': 'Equals', 'LeftValue': 3, 'RightValue': 3.0}; true",
        "{'Type': 'Equals', 'LeftValue': {'Get': 'Parameters.Count'}, 'RightValue': 4}; false",
        "{'Type': 'Equals', 'LeftValue': 'a', 'RightValue': 'a'}; true",
        "{'Type': 'Equals', 'LeftValue': true, 'RightValue': {'Get': 'Parameters.Flag'}}; true",
        "{'Type': 'Equals', 'LeftValue': '4.2', 'RightValue': 4.2}; true",
        "{'Type': 'NotEquals', 'LeftValue': 1, 'RightValue': 2}; true",
        "{'Type': 'NotEquals', 'LeftValue': 'x', 'RightValue': 'x'}; false",
        "{'Type': 'GreaterThan', 'LeftValue': 5, 'RightValue': 4.9}; true",
        "{'Type': 'GreaterThan', 'LeftValue': 5, 'RightValue': 5}; false",
        "{'Type': 'GreaterThanOrEqualTo', 'LeftValue': 5, 'RightValue': 5.0}; true",
        "{'Type': 'GreaterThanOrEqualTo', 'LeftValue': 4, 'RightValue': 5}; false",
        "{'Type': 'LessThan', 'LeftValue': 'apple', 'RightValue': 'banana'}; true",
        "{'Type': 'LessThan', 'LeftValue': 2, 'RightValue': 2}; false",
        "{'Type': 'LessThanOrEqualTo', 'LeftValue': {'Std:JsonGet': {'PropertyFile': {'Get': 'Steps.Prep.PropertyFiles.Report'}, 'Path': 'regression_metrics.mse.value'}}, 'RightValue': 6.0}; true",
        "{'Type': 'LessThanOrEqualTo', 'LeftValue': 4.2, 'RightValue': {'Get': 'Parameters.Rate'}}; false",
        "{'Type': 'In', 'QueryValue': {'Get': 'Parameters.Count'}, 'Values': [1, 2, 3.0]}; true",
        "{'Type': 'In', 'QueryValue': 'c', 'Values': ['a', 'b']}; false",
        "{'Type': 'In', 'Value': 'b', 'In': ['a', 'b']}; true",
        "{'Type': 'Not', 'Condition': {'Type': 'Equals', 'LeftValue': 1, 'RightValue': 1}}; false",
        "{'Type': 'Or', 'Conditions': [{'Type': 'Equals', 'LeftValue': 1, 'RightValue': 2}, {'Type': 'LessThan', 'LeftValue': 1, 'RightValue': 2}]}; true",
        "{'Type': 'Or', 'Conditions': [{'Type': 'Equals', 'LeftValue': 1, 'RightValue': 2}]}; false"
      })
  void evaluates(String condition, boolean expected) {
    assertThat(test(condition)).isEqualTo(expected);
  }

  @Test
  void incomparableValuesFailTheStepWithBothValuesNamed() {
    assertThatThrownBy(() -> test("{'Type': 'GreaterThan', 'LeftValue': true, 'RightValue': 1}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "Cannot evaluate condition GreaterThan: boolean true and number 1 are not comparable"
                + " (expected: two numbers, two strings)");
    assertThatThrownBy(() -> test("{'Type': 'Equals', 'LeftValue': 'a', 'RightValue': 1}"))
        .hasMessage(
            "Cannot evaluate condition Equals: string \"a\" and number 1 are not comparable"
                + " (expected: two numbers, two strings or two booleans)");
  }
}
