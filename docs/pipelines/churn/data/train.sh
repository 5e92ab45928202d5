#!/bin/sh
# A deliberately tiny "model": churn when tenure is under a threshold learned from the data.
# Reads the training set from the train channel, writes the model to SM_MODEL_DIR and prints the
# accuracy for the step's MetricDefinitions.
set -e
data=$(ls "$SM_CHANNEL_TRAIN"/*.csv | head -n 1)
awk -F, -v max_threshold="${SM_HP_MAX_THRESHOLD:-36}" '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  { tenure[NR] = $col["tenure_months"]; label[NR] = $col["churned"]; n = NR }
  END {
    best = 0; best_t = 0
    for (t = 1; t <= max_threshold; t++) {
      ok = 0
      for (r = 2; r <= n; r++) ok += ((tenure[r] < t) == label[r])
      if (ok > best) { best = ok; best_t = t }
    }
    printf "threshold=%d\n", best_t > "/dev/stderr"
    printf "{\"tenure_threshold\": %d}\n", best_t > ENVIRON["SM_MODEL_DIR"] "/model.json"
    printf "accuracy=%.4f\n", best / (n - 1)
  }' "$data"
