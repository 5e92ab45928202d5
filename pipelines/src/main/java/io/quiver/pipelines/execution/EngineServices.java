package io.quiver.pipelines.execution;

import io.quiver.pipelines.definition.StepType;
import io.quiver.pipelines.step.CallbackListener;
import io.quiver.pipelines.step.ObjectTransfer;
import io.quiver.pipelines.step.StepRunner;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** What every execution runner shares: threads, time, files, the cache and the step runners. */
record EngineServices(
    PipelineFiles files,
    ExecutorService stepThreads,
    DelayScheduler delays,
    InstantSource clock,
    StepCache cache,
    ObjectTransfer objects,
    Map<StepType, StepRunner> runners,
    CallbackListener callbacks,
    CallbackTokens tokens,
    String region,
    String account,
    Completions completions) {}
