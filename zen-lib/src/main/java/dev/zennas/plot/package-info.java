/** One-line Tablesaw plots with titles and axis titles ({@link dev.zennas.plot.Plots}), for plotly.js 2.x. */
package dev.zennas.plot;
