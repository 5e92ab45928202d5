/**
 * The report of one monitor: each checked metric over its windows with the band the baseline allows
 * and the violations marked, drawn with XChart as the analysis report is, in one self-contained
 * HTML page. Stateless and thread-safe.
 */
@NullMarked
package io.quiver.clarify.monitor.report;

import org.jspecify.annotations.NullMarked;
