// Drives one notebook through JupyterLab's own interface in headless Chromium and checks what a user would see.
// Started by `kernel-setup/notebooks browser-test` (nbtool.py), which starts and always stops the Jupyter server;
// this script only talks to it.
//
//   node browser-test.mjs --base URL --token T --notebook NAME.ipynb --screenshot FILE --chromium PATH
//                         [--expect-kernel java] [--expect-plots N] [--timeout S]
//
// Checks, in this order (the first failure ends the run with one line "FAIL: ..." and exit status 1):
//   * the notebook opens and its kernel starts; the toolbar shows the kernel's display name and the server's
//     session for the notebook runs the expected kernelspec (`java`, whose spec says which kernel it is);
//   * Run > Run All Cells (the menu, as a user would click it) runs every code cell: each prompt gets a number and
//     the kernel returns to idle;
//   * no output is an error or stderr text;
//   * every plot output ([data-zen-plot]) shows exactly one visible rendering: the interactive plotly chart or its
//     fallback picture, never both and never neither; no separate picture output beside a plot; at least
//     --expect-plots plots;
//   * every table output renders as a table with a header and at least one row.
// It prints one JSON line "RESULT {...}" with the findings, and saves a screenshot of the first plot.
import { chromium } from "playwright-core";
import fs from "node:fs";

function parseArgs(argv) {
  const a = { timeout: 150, expectKernel: "java", expectPlots: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "").replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    a[key] = argv[i + 1];
  }
  for (const need of ["base", "token", "notebook", "screenshot", "chromium"]) {
    if (!a[need]) throw new Error(`missing --${need}`);
  }
  a.timeout = Number(a.timeout);
  a.expectPlots = Number(a.expectPlots);
  return a;
}

const args = parseArgs(process.argv.slice(2));
const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1);
const say = (msg) => console.log(`[browser] ${elapsed()} s ${msg}`);
const deadline = t0 + args.timeout * 1000;
const left = () => Math.max(1000, deadline - Date.now());

async function api(page, path) {
  return page.evaluate(async ([p, token]) => {
    const r = await fetch(p, { headers: { Authorization: `token ${token}` } });
    return r.ok ? r.json() : { httpStatus: r.status };
  }, [path, args.token]);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: args.chromium,
    headless: true,
    // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const result = { notebook: args.notebook };
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  try {
    const consoleErrors = [];
    page.on("pageerror", (e) => consoleErrors.push(String(e.message || e).slice(0, 200)));

    // ?reset: start from an empty workspace, whatever an earlier session left behind
    await page.goto(`${args.base}/lab/tree/${encodeURIComponent(args.notebook)}?reset&token=${args.token}`,
      { waitUntil: "domcontentloaded", timeout: left() });
    await page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first().waitFor({ timeout: left() });
    say("notebook open");

    // The kernel: wait until the server's session for the notebook has a kernel, the toolbar names it and the
    // notebook's status indicator shows it idle, as a user would see before running anything.
    const kernelNameEl = page.locator(".jp-NotebookPanel .jp-KernelName, .jp-NotebookPanel .jp-Toolbar-kernelName").first();
    let shownKernel = "";
    let shownStatus = null;
    for (;;) {
      const list = await api(page, "/api/sessions");
      const s = Array.isArray(list) ? list.find((x) => x.path && x.path.endsWith(args.notebook)) : null;
      shownKernel = (await kernelNameEl.innerText().catch(() => "")).trim();
      shownStatus = await page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator").first()
        .getAttribute("data-status").catch(() => null);
      if (s && s.kernel && s.kernel.execution_state === "idle" && shownStatus === "idle"
          && shownKernel && shownKernel !== "No Kernel") break;
      if (Date.now() > deadline) {
        throw new Error(`the kernel did not become idle in the page (toolbar '${shownKernel}', status indicator ` +
          `'${shownStatus}', server session ${s ? s.kernel.execution_state : "none"})`);
      }
      await page.waitForTimeout(300);
    }
    const sessions = await api(page, "/api/sessions");
    const session = Array.isArray(sessions) ? sessions.find((s) => s.path && s.path.endsWith(args.notebook)) : null;
    const specs = await api(page, "/api/kernelspecs");
    const kernelName = session ? session.kernel.name : null;
    const spec = kernelName && specs.kernelspecs ? specs.kernelspecs[kernelName] : null;
    result.kernel = { name: kernelName, displayName: shownKernel, kind: spec ? spec.spec.metadata["zen.kernel"] : null };
    say(`kernel ready: '${shownKernel}' (kernelspec ${kernelName}, ${result.kernel.kind})`);
    if (kernelName !== args.expectKernel) {
      throw new Error(`the notebook runs kernel '${kernelName}', expected '${args.expectKernel}'`);
    }
    if (!spec || shownKernel !== spec.spec.display_name) {
      throw new Error(`the toolbar shows kernel '${shownKernel}', the kernelspec '${kernelName}' is named ` +
        `'${spec ? spec.spec.display_name : "?"}'`);
    }
    if (args.expectKind && result.kernel.kind !== args.expectKind) {
      throw new Error(`kernel '${kernelName}' is ${result.kernel.kind}, expected ${args.expectKind}`);
    }

    // Run > Run All Cells, through the menu bar.
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
    say("Run > Run All Cells clicked");
    const codeCells = page.locator(".jp-NotebookPanel .jp-CodeCell");
    const nCode = await codeCells.count();
    // Done when every prompt holds a number (not "*" or empty) and the kernel is idle again.
    await page.waitForFunction((n) => {
      const prompts = [...document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt")];
      const done = prompts.filter((p) => /\[\d+\]/.test(p.textContent)).length;
      const el = document.querySelector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator");
      const errors = document.querySelectorAll('.jp-NotebookPanel [data-mime-type="application/vnd.jupyter.stderr"]').length;
      return errors > 0 || (prompts.length === n && done === n && el && el.getAttribute("data-status") === "idle");
    }, nCode, { timeout: left(), polling: 500 });
    say(`${nCode} code cells ran`);

    // Error or stderr outputs (JupyterLab renders both with the stderr MIME type).
    const errors = await page.locator('.jp-NotebookPanel [data-mime-type="application/vnd.jupyter.stderr"]').allInnerTexts();
    result.errors = errors.map((t) => t.trim().split("\n").slice(0, 3).join(" | ").slice(0, 300));
    if (errors.length) {
      throw new Error(`${errors.length} error output(s): ${result.errors[0]}`);
    }
    const unnumbered = await page.evaluate(() => [...document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt")]
      .filter((p) => !/\[\d+\]/.test(p.textContent)).length);
    if (unnumbered) throw new Error(`${unnumbered} code cell(s) did not run`);

    // Let plotly finish drawing (it draws asynchronously after its script ran).
    await page.waitForTimeout(1000);
    // Plots and tables, cell by cell, as rendered: "visible" = displayed and with a non-empty box.
    const cells = await page.evaluate(() => {
      const visible = (el) => {
        if (!el) return false;
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && cs.display !== "none" && cs.visibility !== "hidden" && el.offsetParent !== null;
      };
      return [...document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell")].map((cell, index) => {
        const out = cell.querySelector(".jp-OutputArea");
        if (!out) return { index, plots: [], images: 0, tables: [] };
        const plots = [...out.querySelectorAll("[data-zen-plot]")].map((p) => ({
          interactive: visible(p.querySelector(".js-plotly-plot")) && !!p.querySelector(".js-plotly-plot .main-svg"),
          picture: visible(p.querySelector("img")),
        }));
        // pictures outside a plot output: a second copy of a plot if they sit beside one
        const images = [...out.querySelectorAll("img")].filter((img) => !img.closest("[data-zen-plot]") && visible(img)).length;
        const tables = [...out.querySelectorAll("table")].filter((t) => !t.closest("[data-zen-plot]")).map((t) => ({
          visible: visible(t),
          headers: t.querySelectorAll("th").length,
          rows: t.querySelectorAll("tbody tr").length || Math.max(0, t.querySelectorAll("tr").length - 1),
        }));
        return { index, plots, images, tables };
      });
    });
    const plotCells = cells.filter((c) => c.plots.length > 0 || c.images > 0);
    let shown = 0;
    for (const c of plotCells) {
      for (const p of c.plots) {
        const n = (p.interactive ? 1 : 0) + (p.picture ? 1 : 0);
        if (n !== 1) {
          throw new Error(`code cell #${c.index + 1}: a plot shows ${n} renderings ` +
            `(interactive ${p.interactive}, picture ${p.picture}); want exactly one`);
        }
        shown += 1;
      }
      if (c.plots.length > 0 && c.images > 0) {
        throw new Error(`code cell #${c.index + 1}: ${c.plots.length} plot(s) and ${c.images} separate picture(s): a plot shown twice`);
      }
      shown += c.plots.length > 0 ? 0 : c.images;
    }
    const tables = cells.flatMap((c) => c.tables.map((t) => ({ cell: c.index + 1, ...t })));
    for (const t of tables) {
      if (!t.visible || t.headers === 0 || t.rows === 0) {
        throw new Error(`code cell #${t.cell}: a table did not render (visible ${t.visible}, ${t.headers} header cells, ${t.rows} rows)`);
      }
    }
    result.plots = { shown, interactive: plotCells.flatMap((c) => c.plots).filter((p) => p.interactive).length,
      pictures: plotCells.flatMap((c) => c.plots).filter((p) => p.picture).length + plotCells.reduce((s, c) => s + c.images, 0) };
    result.tables = tables.map((t) => `cell ${t.cell}: ${t.rows} rows`);
    say(`${shown} plot(s), each shown once (${result.plots.interactive} interactive); ${tables.length} table(s)`);
    if (shown < args.expectPlots) {
      throw new Error(`${shown} plot(s) shown, the notebook declares ${args.expectPlots} (metadata zen.plots)`);
    }
    if (tables.length === 0) throw new Error("no table rendered");
    result.pageErrors = consoleErrors;

    // Screenshot: the first plot in view (or the top of the notebook).
    const firstPlot = page.locator(".jp-NotebookPanel [data-zen-plot]").first();
    if (await firstPlot.count()) await firstPlot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: args.screenshot });
    say(`screenshot ${args.screenshot}`);
    result.ok = true;
  } finally {
    if (!result.ok) {  // what the page looked like when it failed
      await page.screenshot({ path: args.screenshot }).catch(() => {});
    }
    await browser.close();
    result.seconds = Number(elapsed());
    console.log("RESULT " + JSON.stringify(result));
  }
}

main().then(() => process.exit(0), (e) => {
  const msg = String(e && e.message ? e.message : e).split("\n")[0];
  console.log(`FAIL: ${msg}`);
  process.exit(1);
});
