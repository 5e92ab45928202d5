package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver pipeline run} and {@code quiver pipeline graph} on a data directory. */
class PipelineCommandTest {
  @TempDir Path dir;

  String run(int expectedExit, String... args) {
    CommandLine line = QuiverCommand.newCommandLine();
    StringWriter out = new StringWriter();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(out));
    int exit = line.execute(args);
    assertThat(exit).as("output: %s", out).isEqualTo(expectedExit);
    return out.toString();
  }

  Path definition() throws Exception {
    String def =
        "{\"Version\": \"2020-12-01\", \"Parameters\": [{\"Name\": \"Limit\", \"Type\": \"Integer\", \"DefaultValue\": 5}],"
            + " \"Steps\": [{\"Name\": \"Count\", \"Type\": \"Processing\", \"Arguments\": {\"AppSpecification\": {"
            + "\"ImageUri\": \"local\", \"ContainerEntrypoint\": [\"sh\", \"-c\", \"echo '{\\\"n\\\": 3}' > /opt/ml/processing/out/n.json\"]},"
            + " \"ProcessingOutputConfig\": {\"Outputs\": [{\"OutputName\": \"out\", \"S3Output\": {\"S3Uri\": \""
            + dir.resolve("out").toUri()
            + "\", \"LocalPath\": \"/opt/ml/processing/out\"}}]}},"
            + " \"PropertyFiles\": [{\"PropertyFileName\": \"N\", \"OutputName\": \"out\", \"FilePath\": \"n.json\"}]},"
            + " {\"Name\": \"Check\", \"Type\": \"Condition\", \"Arguments\": {\"Conditions\": [{\"Type\": \"LessThan\","
            + " \"LeftValue\": {\"Std:JsonGet\": {\"PropertyFile\": {\"Get\": \"Steps.Count.PropertyFiles.N\"}, \"Path\": \"n\"}},"
            + " \"RightValue\": {\"Get\": \"Parameters.Limit\"}}], \"IfSteps\": [],"
            + " \"ElseSteps\": [{\"Name\": \"TooMany\", \"Type\": \"Fail\", \"Arguments\": {\"ErrorMessage\": \"too many\"}}]}}]}";
    Path file = dir.resolve("count-rows.json");
    Files.writeString(file, def);
    return file;
  }

  @Test
  void runShowsStepStatusAndExitsWithTheOutcome() throws Exception {
    Path def = definition();
    Path data = dir.resolve("data");

    String ok =
        run(
            0,
            "pipeline",
            "run",
            def.toString(),
            "--data-dir",
            data.toString(),
            "--graph",
            dir.resolve("ok.svg").toString());
    assertThat(ok)
        .contains(
            "quiver: started arn:aws:sagemaker:us-east-1:000000000000:pipeline/count-rows/execution/");
    assertThat(ok).containsPattern("Count +Succeeded");
    assertThat(ok).containsPattern("Check +Succeeded");
    assertThat(ok).contains("quiver: execution Succeeded");
    assertThat(Files.readString(dir.resolve("ok.svg")))
        .contains("<title>TooHigh</title>".replace("TooHigh", "TooMany"));

    String failed =
        run(
            1,
            "pipeline",
            "run",
            def.toString(),
            "--data-dir",
            data.toString(),
            "--param",
            "Limit=2");
    assertThat(failed).containsPattern("TooMany +Failed");
    assertThat(failed).contains("quiver: execution Failed: too many");
  }

  @Test
  void badParametersAndDefinitionsAreOneLineErrors() throws Exception {
    Path def = definition();
    String out =
        run(
            1,
            "pipeline",
            "run",
            def.toString(),
            "--data-dir",
            dir.resolve("d").toString(),
            "--param",
            "Limit=many");
    assertThat(out.strip())
        .isEqualTo(
            "quiver: Cannot start the execution: parameter 'Limit' is \"many\", not of type Integer");

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"Steps\": [{\"Name\": \"A\", \"Type\": \"Nope\"}]}");
    String badOut =
        run(1, "pipeline", "graph", bad.toString(), "-o", dir.resolve("x.svg").toString());
    assertThat(badOut).startsWith("quiver: Step 'A': Type 'Nope' is not a step type");
  }

  @Test
  void graphDrawsADefinitionAsPng() throws Exception {
    Path png = dir.resolve("dag.png");
    String out = run(0, "pipeline", "graph", definition().toString(), "-o", png.toString());

    assertThat(out).contains("quiver: drew " + png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes[1]).isEqualTo((byte) 'P');
    assertThat(bytes[2]).isEqualTo((byte) 'N');
  }
}
