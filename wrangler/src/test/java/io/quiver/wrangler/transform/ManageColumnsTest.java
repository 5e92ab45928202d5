package io.quiver.wrangler.transform;

import static io.quiver.wrangler.frame.DataType.DOUBLE;
import static io.quiver.wrangler.frame.DataType.LONG;
import static io.quiver.wrangler.frame.DataType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.wrangler.executor.StepRunner;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Schema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManageColumnsTest {
  private static final Schema ABC =
      Schema.of(new Column("a", LONG), new Column("b", STRING), new Column("c", DOUBLE));
  private static final List<Object[]> ROWS =
      List.of(new Object[] {1L, "x", 1.5}, new Object[] {null, null, 2.5});

  private static StepRunner.Result run(String parameters) {
    return StepRunner.run(ABC, ROWS, "sagemaker.spark.manage_columns_0.1", parameters);
  }

  @Test
  void dropRemovesOneOrSeveralColumns() {
    assertThat(
            run("{\"operator\": \"Drop column\", \"drop_column_parameters\": {\"column_to_drop\": \"b\"}}")
                .schema())
        .hasToString("(a long, c float)");
    StepRunner.Result both =
        run(
            "{\"operator\": \"Drop column\", \"drop_column_parameters\": {\"column_to_drop\": [\"a\", \"c\"]}}");
    assertThat(both.schema()).hasToString("(b string)");
    assertThat(both.rows()).containsExactly(List.of("x"), Arrays.asList((Object) null));
  }

  @Test
  void duplicateAndRename() {
    StepRunner.Result dup =
        run(
            "{\"operator\": \"Duplicate column\", \"duplicate_column_parameters\": {\"input_column\": \"a\", \"new_name\": \"a2\"}}");
    assertThat(dup.schema()).hasToString("(a long, b string, c float, a2 long)");
    assertThat(dup.column("a2")).containsExactly(1L, null);
    StepRunner.Result renamed =
        run(
            "{\"operator\": \"Rename column\", \"rename_column_parameters\": {\"columns_to_rename\":"
                + " [{\"input_column\": \"a\", \"new_name\": \"id\"}, {\"input_column\": \"c\", \"new_name\": \"score\"}]}}");
    assertThat(renamed.schema()).hasToString("(id long, b string, score float)");
    assertThatThrownBy(
            () ->
                run(
                    "{\"operator\": \"Rename column\", \"rename_column_parameters\": {\"input_column\": \"a\", \"new_name\": \"b\"}}"))
        .hasMessageContaining("cannot rename 'a' to 'b': that column exists");
  }

  @Test
  void moveKeepsTheMovedColumnsInOrder() {
    assertThat(
            run("{\"operator\": \"Move column\", \"move_column_parameters\": {\"move_type\": \"Move to start\","
                    + " \"move_to_start_parameters\": {\"column_to_move\": \"c\"}}}")
                .schema())
        .hasToString("(c float, a long, b string)");
    assertThat(
            run("{\"operator\": \"Move column\", \"move_column_parameters\": {\"move_type\": \"Move after\","
                    + " \"move_after_parameters\": {\"column_to_move\": [\"c\", \"a\"], \"target_column\": \"b\"}}}")
                .schema())
        .hasToString("(b string, a long, c float)");
    assertThat(
            run("{\"operator\": \"Move column\", \"move_column_parameters\": {\"move_type\": \"Move to index\","
                    + " \"move_to_index_parameters\": {\"column_to_move\": \"a\", \"index\": 1}}}")
                .schema())
        .hasToString("(b string, a long, c float)");
  }

  @Test
  void concatenateSkipsNullsLikeConcatWs() {
    StepRunner.Result joined =
        run(
            "{\"operator\": \"Concatenate columns\", \"concatenate_columns_parameters\":"
                + " {\"left_column\": \"a\", \"right_column\": \"b\", \"delimiter\": \"-\"}}");
    assertThat(joined.column("a_b")).containsExactly("1-x", "");
  }

  @Test
  void aMissingColumnIsNamedWithTheColumnsThereAre() {
    assertThatThrownBy(
            () ->
                run(
                    "{\"operator\": \"Drop column\", \"drop_column_parameters\": {\"column_to_drop\": \"zz\"}}"))
        .hasMessage(
            "Node 'step' (sagemaker.spark.manage_columns_0.1): column 'zz' does not exist (columns: a, b, c)");
  }
}
