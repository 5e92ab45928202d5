package io.quiver.pipelines.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Definition parsing: both spellings accepted, every rule refused with its exact message. */
class DefinitionParserTest {
  static final DefinitionRules RULES = new DefinitionRules(false, Map.of(), "");

  static final String PROCESSING =
      "\"Type\": \"Processing\", \"Arguments\": {\"AppSpecification\": {\"ImageUri\": \"img\"}}";

  /** A definition with parameters P (Integer, 1) and S (String) around {@code steps}. */
  static String def(String steps) {
    return "{\"Version\": \"2020-12-01\", \"Parameters\": [{\"Name\": \"P\", \"Type\": \"Integer\","
        + " \"DefaultValue\": 1}, {\"Name\": \"S\", \"Type\": \"String\"}], \"Steps\": ["
        + steps
        + "]}";
  }

  static PipelineDefinition parse(String text) {
    return DefinitionParser.parse(text, RULES);
  }

  @Test
  void readsTheFixtureAsTheSdkWritesIt() throws Exception {
    PipelineDefinition d =
        parse(Files.readString(Path.of("src/test/resources/fixture/interpreter.json")));

    assertThat(d.parameters()).extracting(Parameter::name).containsExactly("InputUri", "MaxMse");
    assertThat(d.parameters().get(1).defaultValue().doubleValue()).isEqualTo(6.0);
    assertThat(d.steps())
        .extracting(StepDefinition::name)
        .containsExactly("Prep", "CheckMse", "Notify", "TooHigh");
    StepDefinition prep = d.step("Prep").orElseThrow();
    assertThat(prep.cache()).isEqualTo(new CacheConfig(true, Duration.ofDays(30)));
    assertThat(prep.retryPolicies())
        .containsExactly(new RetryPolicy(List.of("SageMaker.CAPACITY_ERROR"), 10, 2.0, 3, null));
    assertThat(prep.propertyFiles())
        .containsExactly(new PropertyFile("EvalReport", "eval", "evaluation.json"));
    assertThat(d.step("Notify").orElseThrow().branch())
        .isEqualTo(new StepDefinition.Branch("CheckMse", true));
    assertThat(d.step("TooHigh").orElseThrow().branch())
        .isEqualTo(new StepDefinition.Branch("CheckMse", false));
    assertThat(d.graph().predecessors())
        .containsEntry("CheckMse", Set.of("Prep"))
        .containsEntry("Notify", Set.of("Prep", "CheckMse"))
        .containsEntry("TooHigh", Set.of("CheckMse"));
    assertThat(d.graph().topologicalOrder())
        .containsExactly("Prep", "CheckMse", "Notify", "TooHigh");
  }

  @Test
  void acceptsThePublishedSchemaSpellingsAndWritesTheSdks() {
    PipelineDefinition d =
        parse(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": ["
                    + "{\"Type\": \"NotEquals\", \"LeftValue\": 1, \"RightValue\": 2},"
                    + "{\"Type\": \"In\", \"Value\": {\"Get\": \"Parameters.P\"}, \"In\": [1, 2]}],"
                    + " \"IfSteps\": [], \"ElseSteps\": []}}"));

    assertThat(d.step("C").orElseThrow().conditions())
        .extracting(c -> c.toJson().toString())
        .containsExactly(
            "{\"Type\":\"NotEquals\",\"LeftValue\":1,\"RightValue\":2}",
            "{\"Type\":\"In\",\"QueryValue\":{\"Get\":\"Parameters.P\"},\"Values\":[1,2]}");
  }

  @Test
  void stringParametersMayOmitTheirType() {
    PipelineDefinition d =
        parse(
            "{\"Parameters\": [{\"Name\": \"X\", \"DefaultValue\": \"a\"}], \"Steps\": [{\"Name\": \"A\", "
                + PROCESSING
                + "}]}");

    assertThat(d.parameters().get(0).type()).isEqualTo(ParameterType.STRING);
  }

  @Test
  void dagEdgesComeFromDependsOnAndReferences() {
    PipelineDefinition d =
        parse(
            def(
                "{\"Name\": \"A\", "
                    + PROCESSING
                    + "}, {\"Name\": \"B\", "
                    + PROCESSING
                    + ", \"DependsOn\": [\"A\"]}, {\"Name\": \"C\", \"Type\": \"Lambda\", \"FunctionArn\": \"f\","
                    + " \"Arguments\": {\"x\": {\"Get\": \"Steps.B.ProcessingJobName\"}}}"));

    assertThat(d.graph().predecessors())
        .containsEntry("A", Set.of())
        .containsEntry("B", Set.of("A"))
        .containsEntry("C", Set.of("B"));
    assertThat(d.graph().successors("A")).containsExactly("B");
  }

  static Stream<Arguments> invalid() {
    String a = "{\"Name\": \"A\", " + PROCESSING;
    return Stream.of(
        Arguments.of(
            "[]",
            "Definition: not a JSON object (expected: {\"Version\": \"2020-12-01\", \"Steps\": [...]})"),
        Arguments.of(
            "{\"Version\": \"2019-01-01\", \"Steps\": []}",
            "Definition: Version \"2019-01-01\" is not supported (expected: 2020-12-01)"),
        Arguments.of(
            "{\"Version\": \"2020-12-01\"}",
            "Definition: Steps is missing or empty (expected: a list of steps)"),
        Arguments.of(def("{\"Type\": \"Fail\"}"), "Step #1: Name is missing (expected: a string)"),
        Arguments.of(
            def("{\"Name\": \"a b\", \"Type\": \"Fail\"}"),
            "Step 'a b': the name is not allowed (expected: 1 to 64 of A-Z a-z 0-9 - _)"),
        Arguments.of(
            def(a + "}, " + a + "}"),
            "Step 'A': the name is used by more than one step (expected: unique names)"),
        Arguments.of(
            def("{\"Name\": \"A\", \"Type\": \"Foo\"}"),
            "Step 'A': Type 'Foo' is not a step type (expected: one of Processing, Training, Tuning,"
                + " Model, RegisterModel, Transform, Condition, Callback, Lambda, ClarifyCheck,"
                + " QualityCheck, EMR, Fail)"),
        Arguments.of(
            def("{\"Name\": \"A\"}"),
            "Step 'A': Type is missing (expected: one of Processing, Training, Tuning, Model,"
                + " RegisterModel, Transform, Condition, Callback, Lambda, ClarifyCheck, QualityCheck,"
                + " EMR, Fail)"),
        Arguments.of(
            def("{\"Name\": \"A\", \"Type\": \"Processing\"}"),
            "Step 'A': Arguments is missing (expected: the CreateProcessingJob request)"),
        Arguments.of(
            def(a + ", \"DependsOn\": [\"Nope\"]}"),
            "Step 'A': DependsOn names 'Nope', which is not a step of this pipeline"),
        Arguments.of(
            def(a + ", \"DependsOn\": [\"F\"]}, {\"Name\": \"F\", \"Type\": \"Fail\"}"),
            "Step 'A': DependsOn names Fail step 'F' (a Fail step ends the execution; nothing can depend on it)"),
        Arguments.of(
            def(a + ", \"DependsOn\": [\"A\"]}"), "Step 'A': DependsOn names the step itself"),
        Arguments.of(
            def(
                a
                    + ", \"DependsOn\": [\"B\"]}, {\"Name\": \"B\", "
                    + PROCESSING
                    + ", \"DependsOn\": [\"A\"]}"),
            "Step 'A': is part of a cycle A -> B -> A (expected: DependsOn and property references that form a DAG)"),
        Arguments.of(
            def(a + ", \"Description\": {\"Get\": \"Steps.Nope.X\"}}"),
            "Step 'A': refers to Steps.Nope, which is not a step of this pipeline"),
        Arguments.of(
            def(
                a
                    + ", \"Description\": {\"Get\": \"Steps.F.X\"}}, {\"Name\": \"F\", \"Type\": \"Fail\"}"),
            "Step 'A': refers to Fail step 'F', which has no properties"),
        Arguments.of(
            def(a + ", \"Description\": {\"Get\": \"Steps.A.X\"}}"),
            "Step 'A': refers to its own properties"),
        Arguments.of(
            def(a + ", \"Description\": {\"Get\": \"Parameters.Q\"}}"),
            "Step 'A': refers to Parameters.Q, which is not a parameter of this pipeline"),
        Arguments.of(
            def(a + ", \"Description\": {\"Get\": \"Execution.Foo\"}}"),
            "Step 'A': Get 'Execution.Foo' names no execution variable (expected: one of PipelineName,"
                + " PipelineArn, PipelineExecutionId, PipelineExecutionArn, StartDateTime, CurrentDateTime,"
                + " TrainingJobName, ProcessingJobName)"),
        Arguments.of(
            def(a + ", \"Description\": {\"Get\": \"Nothing.Foo\"}}"),
            "Step 'A': Get 'Nothing.Foo' starts with 'Nothing' (expected: Parameters, Execution,"
                + " PipelineExperimentConfig or Steps)"),
        Arguments.of(
            def(a + ", \"Description\": {\"Get\": 5}}"),
            "Step 'A': Get takes a string such as \"Parameters.Name\", not 5"),
        Arguments.of(
            def(a + ", \"Description\": {\"Std:Join\": {\"On\": \",\"}}}"),
            "Step 'A': Std:Join needs {\"On\": \"<separator>\", \"Values\": [...]}, not {\"On\":\",\"}"),
        Arguments.of(
            def(a + ", \"Description\": {\"Std:JsonGet\": {\"Path\": \"a\"}}}"),
            "Step 'A': Std:JsonGet needs exactly one of PropertyFile and S3Uri, not {\"Path\":\"a\"}"),
        Arguments.of(
            def(
                a
                    + ", \"Description\": {\"Std:JsonGet\": {\"Path\": \"a\", \"PropertyFile\": \"R\"}}}"),
            "Step 'A': Std:JsonGet's PropertyFile must be {\"Get\": \"Steps.<step>.PropertyFiles.<name>\"}, not \"R\""),
        Arguments.of(
            "{\"Parameters\": [{\"Name\": \"P\", \"Type\": \"Integer\", \"DefaultValue\": \"x\"}], \"Steps\": ["
                + a
                + "}]}",
            "Parameter 'P': DefaultValue \"x\" is not of type Integer"),
        Arguments.of(
            "{\"Parameters\": [{\"Name\": \"P\", \"Type\": \"Float\", \"DefaultValue\": true}], \"Steps\": ["
                + a
                + "}]}",
            "Parameter 'P': DefaultValue true is not of type Float"),
        Arguments.of(
            "{\"Parameters\": [{\"Name\": \"P\", \"Type\": \"Number\"}], \"Steps\": [" + a + "}]}",
            "Parameter 'P': Type \"Number\" is not a parameter type (expected: String, Integer, Float or Boolean)"),
        Arguments.of(
            "{\"Parameters\": [{\"Name\": \"P\"}, {\"Name\": \"P\"}], \"Steps\": [" + a + "}]}",
            "Parameter 'P': the name is used by more than one parameter"),
        Arguments.of(
            "{\"Parameters\": [{\"Type\": \"String\"}], \"Steps\": [" + a + "}]}",
            "Parameter #1: Name is missing (expected: a string)"),
        Arguments.of(
            "{\"Parameters\": [{\"Name\": \"P\", \"Type\": \"String\", \"DefaultValue\": \"c\", \"EnumValues\": [\"a\", \"b\"]}], \"Steps\": ["
                + a
                + "}]}",
            "Parameter 'P': DefaultValue \"c\" is not one of EnumValues [\"a\",\"b\"]"),
        Arguments.of(
            def(a + ", \"RetryPolicies\": [{\"ExceptionType\": [\"Oops\"]}]}"),
            "Step 'A': retry ExceptionType 'Oops' is not known (expected: one of Emr.RESOURCE_LIMIT,"
                + " SageMaker.CAPACITY_ERROR, SageMaker.JOB_INTERNAL_ERROR, SageMaker.RESOURCE_LIMIT,"
                + " Step.SERVICE_FAULT, Step.THROTTLING)"),
        Arguments.of(
            def(a + ", \"RetryPolicies\": [{\"IntervalSeconds\": 5}]}"),
            "Step 'A': a retry policy needs a non-empty ExceptionType list"),
        Arguments.of(
            def(
                a
                    + ", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.THROTTLING\"], \"MaxAttempts\": 21}]}"),
            "Step 'A': retry MaxAttempts 21 is out of range (expected: 1 to 20)"),
        Arguments.of(
            def(
                a
                    + ", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.THROTTLING\"], \"MaxAttempts\": 0}]}"),
            "Step 'A': retry MaxAttempts 0 is out of range (expected: 1 to 20)"),
        Arguments.of(
            def(
                a
                    + ", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.THROTTLING\"], \"IntervalSeconds\": 43201}]}"),
            "Step 'A': retry IntervalSeconds 43201 is out of range (expected: 1 to 43200)"),
        Arguments.of(
            def(
                a
                    + ", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.THROTTLING\"], \"BackoffRate\": 0.5}]}"),
            "Step 'A': retry BackoffRate 0.5 is out of range (expected: 1.0 or more)"),
        Arguments.of(
            def(
                a
                    + ", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.THROTTLING\"], \"ExpireAfterMin\": 14401}]}"),
            "Step 'A': retry ExpireAfterMin 14401 is out of range (expected: 1 to 14400)"),
        Arguments.of(
            def(
                a
                    + ", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.THROTTLING\"], \"MaxAttempts\": 2, \"ExpireAfterMin\": 5}]}"),
            "Step 'A': a retry policy takes MaxAttempts or ExpireAfterMin, not both"),
        Arguments.of(
            def(
                "{\"Name\": \"F\", \"Type\": \"Fail\", \"RetryPolicies\": [{\"ExceptionType\": [\"Step.THROTTLING\"]}]}"),
            "Step 'F': RetryPolicies are not allowed on a Fail step"),
        Arguments.of(
            def(a + ", \"CacheConfig\": {\"Enabled\": true, \"ExpireAfter\": \"soon\"}}"),
            "Step 'A': CacheConfig.ExpireAfter 'soon' is not an ISO-8601 duration (expected: for example PT1H or P30D)"),
        Arguments.of(
            def(
                "{\"Name\": \"M\", \"Type\": \"Model\", \"Arguments\": {}, \"CacheConfig\": {\"Enabled\": true}}"),
            "Step 'M': CacheConfig cannot be enabled on a Model step"),
        Arguments.of(
            def(
                "{\"Name\": \"T\", \"Type\": \"Training\", \"Arguments\": {}, \"PropertyFiles\": [{\"PropertyFileName\": \"R\", \"OutputName\": \"o\", \"FilePath\": \"f\"}]}"),
            "Step 'T': PropertyFiles are allowed on Processing steps only"),
        Arguments.of(
            def(
                "{\"Name\": \"A\", \"Type\": \"Processing\", \"Arguments\": {\"ProcessingOutputConfig\": {\"Outputs\": [{\"OutputName\": \"o\"}]}},"
                    + " \"PropertyFiles\": [{\"PropertyFileName\": \"R\", \"OutputName\": \"x\", \"FilePath\": \"f\"}]}"),
            "Step 'A': property file 'R' names output 'x', which is not in ProcessingOutputConfig.Outputs"),
        Arguments.of(
            def(a + ", \"PropertyFiles\": [{\"PropertyFileName\": \"R\"}]}"),
            "Step 'A': a property file needs PropertyFileName, OutputName and FilePath"),
        Arguments.of(
            def("{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": []}}"),
            "Step 'C': Conditions is missing or empty (expected: a list)"),
        Arguments.of(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"Maybe\"}]}}"),
            "Step 'C': condition Type 'Maybe' is not supported (expected: Equals, NotEquals, GreaterThan,"
                + " GreaterThanOrEqualTo, LessThan, LessThanOrEqualTo, In, Not or Or)"),
        Arguments.of(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"Equals\", \"LeftValue\": 1}]}}"),
            "Step 'C': condition Equals needs LeftValue and RightValue"),
        Arguments.of(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"In\", \"QueryValue\": 1}]}}"),
            "Step 'C': condition In needs QueryValue and a list Values (or Value and In)"),
        Arguments.of(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"Not\"}]}}"),
            "Step 'C': condition Not needs a Condition"),
        Arguments.of(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"Or\", \"Conditions\": []}]}}"),
            "Step 'C': condition Or needs a non-empty list Conditions"),
        Arguments.of(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"Equals\", \"LeftValue\": 1, \"RightValue\": 1}],"
                    + " \"IfSteps\": [{\"Name\": \"C2\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"Equals\", \"LeftValue\": 1, \"RightValue\": 1}]}}]}}"),
            "Step 'C2': a Condition step cannot be inside the branch of Condition 'C'"),
        Arguments.of(
            def(
                "{\"Name\": \"C\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"Equals\", \"LeftValue\": 1, \"RightValue\": 1}],"
                    + " \"IfSteps\": [{\"Name\": \"X\", \"Type\": \"Fail\"}], \"ElseSteps\": [{\"Name\": \"X\", \"Type\": \"Fail\"}]}}"),
            "Step 'X': appears in both IfSteps and ElseSteps of 'C' (expected: one branch)"),
        Arguments.of(
            def("{\"Name\": \"L\", \"Type\": \"Lambda\"}"), "Step 'L': FunctionArn is missing"),
        Arguments.of(
            def(
                "{\"Name\": \"L\", \"Type\": \"Lambda\", \"FunctionArn\": \"f\", \"OutputParameters\": [{\"OutputName\": \"o\", \"OutputType\": \"Date\"}]}"),
            "Step 'L': output parameter 'o' has OutputType 'Date' (expected: String, Integer, Boolean or Float)"),
        Arguments.of(
            def("{\"Name\": \"B\", \"Type\": \"Callback\"}"), "Step 'B': SqsQueueUrl is missing"),
        Arguments.of(
            def(
                "{\"Name\": \"E\", \"Type\": \"EMR\", \"Arguments\": {\"ClusterId\": \"j-1\", \"StepConfig\": {}}}"),
            "Step 'E': EMR steps run on a local Spark and spark-submit is not on the PATH (install Spark or remove the step)"),
        Arguments.of(
            def(
                "{\"Name\": \"Q\", \"Type\": \"ClarifyCheck\", \"CheckType\": \"FAIRNESS\", \"Arguments\": {}}"),
            "Step 'Q': CheckType 'FAIRNESS' is not allowed (expected: one of DATA_BIAS, MODEL_BIAS, MODEL_EXPLAINABILITY)"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesWithAnExactMessage(String definition, String message) {
    assertThatThrownBy(() -> parse(definition))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(message);
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThatThrownBy(() -> parse("{\"Steps\": ["))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("Definition: not valid JSON (");
  }

  @Test
  void refusesImagesAndCheckTypesThisEngineCannotRun() {
    DefinitionRules rules =
        new DefinitionRules(
            true,
            Map.of("quiver:flow", "runs flows, which are not available yet"),
            "QualityCheck steps are not available yet");

    assertThatThrownBy(
            () ->
                DefinitionParser.parse(
                    def(
                        "{\"Name\": \"A\", \"Type\": \"Processing\", \"Arguments\": {\"AppSpecification\": {\"ImageUri\": \"quiver:flow\"}}}"),
                    rules))
        .hasMessage("Step 'A': image quiver:flow runs flows, which are not available yet");
    assertThatThrownBy(
            () ->
                DefinitionParser.parse(
                    def(
                        "{\"Name\": \"Q\", \"Type\": \"QualityCheck\", \"CheckType\": \"DATA_QUALITY\", \"Arguments\": {}}"),
                    rules))
        .hasMessage("Step 'Q': QualityCheck steps are not available yet");
    assertThat(
            DefinitionParser.parse(
                    def(
                        "{\"Name\": \"E\", \"Type\": \"EMR\", \"Arguments\": {\"ClusterId\": \"j-1\", \"StepConfig\": {}}}"),
                    rules)
                .steps())
        .hasSize(1);
  }

  @Test
  void refusesDefinitionsOverOneMegabyte() {
    String big =
        def(
            "{\"Name\": \"A\", "
                + PROCESSING
                + ", \"Description\": \""
                + "x".repeat(1_048_576)
                + "\"}");

    assertThatThrownBy(() -> parse(big))
        .hasMessage(
            "Definition: " + big.length() + " characters is too long (expected: at most 1048576)");
  }
}
