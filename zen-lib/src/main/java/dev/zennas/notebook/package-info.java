/**
 * Notebook support: kernel-neutral rich output ({@link dev.zennas.notebook.Display}), what {@code show(...)} does per
 * type ({@link dev.zennas.notebook.Show}), offline plotly HTML ({@link dev.zennas.notebook.FigureHtml},
 * {@link dev.zennas.notebook.PlotlyJs}) and PNG rendering ({@link dev.zennas.notebook.Chromium}), HTML tables,
 * progress lines and speed knobs. Notebooks reach all of it through {@code import static dev.zennas.Workbench.*;}.
 */
package dev.zennas.notebook;
