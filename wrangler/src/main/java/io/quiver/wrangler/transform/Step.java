package io.quiver.wrangler.transform;

/**
 * A node's operation, compiled from its parameters: a {@link RowStep} (row by row, with any fit
 * frozen), a {@link FitStep} (a row step that must be fitted first) or a {@link TableStep} (needs
 * more than one row at a time: sorting, joining, splitting, sampling).
 */
public sealed interface Step permits RowStep, FitStep, TableStep {}
