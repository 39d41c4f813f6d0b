"""Headless notebook tool of the Zen-NAS Workbench (run by kernel-setup/notebooks with .venv-jupyter's python).

  run [--quick] [--budget S] [--kernel K] [NAME...]   execute notebooks into notebooks/.executed/NAME.{ipynb,html}
                                                       (--kernel jjava|rapaio: the kernel `java` is not that one
                                                       -> notebooks/.executed/K/)
  stress [N] [--kernel K] [--stock]                    start the kernel N times, execute one cell, shut down
  serve [--port P]                                     JupyterLab on notebooks/ (no browser, 127.0.0.1, token)
  publish [--budget S] [NAME...]                       run in full mode, store rendered copies (PNG plots, no
                                                       scripts, rounded doubles) in docs/notebooks/ + README.md
  browser-test [NAME] [--full]                         NAME (default 00-quickstart) run through JupyterLab's menu in
                                                       headless Chromium (playwright-core): kernel, errors, plots
                                                       once, tables; screenshot notebooks/.executed/NAME.browser.png

Kernels (registered by kernel-setup/install in .venv-jupyter): `java` is the default (JJava unless installed with
--kernel rapaio) and the other one is registered under its own name; --kernel jjava|rapaio|java picks one.

Checks made by `run` (any failure -> exit status 1 with a message naming notebook and cell):
  * no cell raises an error;
  * the notebook finishes within its budget (default 300 s; notebook metadata `zen.budget_s` overrides;
    `--budget` overrides both);
  * every plot exactly once in every view (see plot_problems): one output per plot, a MIME bundle of the plotly
    HTML (marked `data-zen-plot`, with the PNG inside as its no-script fallback) and `image/png`; in the exported
    HTML one plot div and one picture per plot, also with its scripts removed; and if the notebook metadata has
    `zen.plots`, the notebook showed at least that many plots.
  `selftest` checks these plot checks, and the rewriting done by `publish`, on small made-up notebooks (run by
  ./zen test).
"""
from __future__ import annotations

import argparse
import os
import pathlib
import secrets
import shutil
import socket
import statistics
import sys
import tempfile
import time
import traceback

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

ROOT = pathlib.Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
OUT_DIR = NB_DIR / ".executed"
DEFAULT_BUDGET_S = 300
STARTUP_TIMEOUT_S = 20
PLOT_MARK = "data-zen-plot"   # dev.zennas.notebook.FigureHtml.MARK
PNG_CLASS = "zen-plot-png"    # dev.zennas.notebook.FigureHtml.PNG_CLASS


def log(msg: str) -> None:
    print(f"[notebooks] {msg}", flush=True)


# ------------------------------------------------------------------------------------------------------------ run
class NotebookFailure(Exception):
    pass


def find_notebooks(names: list[str]) -> list[pathlib.Path]:
    every = sorted(p for p in NB_DIR.glob("*.ipynb"))
    if not names:
        if not every:
            raise NotebookFailure(f"no notebooks in {NB_DIR}")
        return every
    chosen = []
    for name in names:
        stem = pathlib.Path(name).name.removesuffix(".ipynb")
        hits = [p for p in every if p.stem == stem] or [p for p in every if p.stem.startswith(stem)]
        if len(hits) != 1:
            known = ", ".join(p.stem for p in every) or "none"
            raise NotebookFailure(f"notebook '{name}' {'is ambiguous' if hits else 'not found'} (known: {known})")
        chosen.append(hits[0])
    return chosen


def cell_label(nb, index: int) -> str:
    cell = nb.cells[index]
    first = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
    code_no = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    return f"cell {index} (code cell #{code_no}: {first[:70]!r})"


def error_detail(e) -> str:
    """The error value, or (compiler errors have none) the last lines of the traceback, without colour codes."""
    import re
    text = (e.evalue or "").strip()
    if not text:
        lines = [ln.strip() for ln in re.sub(r"\x1b\[[0-9;]*m", "", e.traceback or "").splitlines()
                 if ln.strip() and not re.fullmatch(r"-+", ln.strip())]
        text = " | ".join(lines[-6:])
    return text[:500]


def kernel_spec_name(kind: str | None) -> str | None:
    """The kernelspec for --kernel KIND: a spec of that name, else `java` when it is that kind; None = notebook's."""
    if kind is None:
        return None
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    ksm = KernelSpecManager()
    try:
        ksm.get_kernel_spec(kind)
        return kind
    except NoSuchKernel:
        pass
    try:
        if ksm.get_kernel_spec("java").metadata.get("zen.kernel") == kind:
            return "java"
    except NoSuchKernel:
        pass
    known = ", ".join(sorted(ksm.find_kernel_specs())) or "none"
    raise NotebookFailure(f"no kernel '{kind}' (known: {known}); run kernel-setup/install")


def start_kernel_with_retry(client, cwd: str, log_file) -> None:
    """Start kernel + client; a kernel that does not answer within STARTUP_TIMEOUT_S is killed and started once more."""
    for attempt in (1, 2):
        try:
            client.km = client.create_kernel_manager()
            client.start_new_kernel(cwd=cwd, stdout=log_file, stderr=log_file)
            client.start_new_kernel_client()
            return
        except Exception as e:  # noqa: BLE001 - any start failure gets one retry
            try:
                if client.km is not None and client.km.has_kernel:
                    client.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001
                pass
            client.km = None
            client.kc = None
            if attempt == 2:
                raise NotebookFailure(f"kernel '{client.kernel_name}' did not start twice: {e}") from e
            log(f"  kernel start failed ({e}); retrying once")


def plot_outputs(cell) -> list[dict]:
    """The outputs of a code cell that show a plot: a marked plotly HTML output, or a picture (image/png)."""
    return [o for o in cell.get("outputs", [])
            if PLOT_MARK in str(o.get("data", {}).get("text/html", "")) or "image/png" in o.get("data", {})]


def count_plots(nb) -> int:
    return sum(len(plot_outputs(c)) for c in nb.cells if c.cell_type == "code")


def plot_problems(nb, exported_html: str | None = None) -> list[str]:
    """Every plot exactly once in every view.

    * notebook (live, trusted or not; GitHub): one plot = one output. A marked plotly HTML output must be one MIME
      bundle with its `image/png`, and its HTML must carry exactly one fallback picture (`img.zen-plot-png`), which
      the script hides when it draws the interactive plot; a picture output next to it in the same cell is the plot
      shown twice;
    * exported HTML (nbconvert picks text/html from a bundle): each plot's div once, each picture once;
    * a view without JavaScript (the exported HTML without its scripts): one picture per plot.
    If the notebook metadata has `zen.plots`, the notebook must show at least that many plots.
    """
    import re
    problems = []
    plots = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outs = plot_outputs(cell)
        plots += len(outs)
        marked = [o for o in outs if PLOT_MARK in str(o.get("data", {}).get("text/html", ""))]
        loose_png = [o for o in outs if o not in marked]
        for o in marked:
            data = o["data"]
            html = str(data["text/html"])
            ids = set(re.findall(PLOT_MARK + r'="([^"]+)"', html))
            if len(ids) != 1:
                problems.append(f"{cell_label(nb, i)}: one output holds {len(ids)} plots")
            if "image/png" not in data:
                why = " ".join(str(x.get("text", "")) + str(x.get("data", {}).get("text/plain", ""))
                               for x in cell.get("outputs", []))
                hint = " (" + why.strip()[:160] + ")" if "PNG" in why else ""
                problems.append(f"{cell_label(nb, i)} shows a plot without its image/png in the same output{hint}")
            elif html.count(f'class="{PNG_CLASS}"') != 1:
                problems.append(f"{cell_label(nb, i)}: the plot's HTML carries {html.count(PNG_CLASS)} fallback "
                                f"pictures (want 1)")
        if marked and loose_png:
            problems.append(f"{cell_label(nb, i)} shows a plot twice: {len(marked)} plotly output(s) and "
                            f"{len(loose_png)} separate picture output(s)")
    expected = nb.metadata.get("zen", {}).get("plots")
    if expected is not None and plots < int(expected):
        problems.append(f"notebook metadata zen.plots = {expected} but only {plots} plot(s) were shown")
    if exported_html is not None:
        marked_total = sum(1 for c in nb.cells if c.cell_type == "code" for o in plot_outputs(c)
                           if PLOT_MARK in str(o.get("data", {}).get("text/html", "")))
        divs = len(re.findall(PLOT_MARK + r'="', exported_html))
        if divs != marked_total:
            problems.append(f"exported HTML shows {divs} interactive plot(s), the notebook has {marked_total}")
        no_js = re.sub(r"<script\b.*?</script>", "", exported_html, flags=re.S | re.I)
        pictures = len(re.findall(r"<img\b[^>]*src=\"data:image/png", no_js, flags=re.I))
        if pictures != plots:
            problems.append(f"exported HTML without JavaScript shows {pictures} picture(s) for {plots} plot(s)")
    return problems


def run_notebook(path: pathlib.Path, kernel: str | None, budget_override: int | None,
                 out_dir: pathlib.Path = OUT_DIR) -> tuple[float, int]:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    budget = budget_override or int(nb.metadata.get("zen", {}).get("budget_s", DEFAULT_BUDGET_S))
    kernel_name = kernel or nb.metadata.get("kernelspec", {}).get("name", "java")
    t0 = time.monotonic()

    def remaining(_cell=None) -> int:
        return max(1, int(budget - (time.monotonic() - t0)) + 1)

    client = NotebookClient(nb, kernel_name=kernel_name, timeout_func=remaining, startup_timeout=STARTUP_TIMEOUT_S,
                            allow_errors=False, record_timing=True, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(path.parent)}})
    error = None
    out_dir.mkdir(parents=True, exist_ok=True)
    kernel_log = open(out_dir / (path.stem + ".kernel.log"), "w")
    try:
        start_kernel_with_retry(client, str(path.parent), kernel_log)
        client.reset_execution_trackers()
        msg_id = client.kc.kernel_info()
        info = client.wait_for_reply(msg_id)
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellTimeoutError as e:
                raise NotebookFailure(f"{path.stem}: over its budget of {budget} s in {cell_label(nb, index)}") from e
            except CellExecutionError as e:
                raise NotebookFailure(f"{path.stem}: {cell_label(nb, index)} failed: {e.ename}: "
                                      f"{error_detail(e)}") from e
            except DeadKernelError as e:
                raise NotebookFailure(f"{path.stem}: kernel died in {cell_label(nb, index)}") from e
            if time.monotonic() - t0 > budget:
                raise NotebookFailure(f"{path.stem}: over its budget of {budget} s after {cell_label(nb, index)}")
    except NotebookFailure as e:
        error = e
    finally:
        try:
            if client.km is not None:
                client._cleanup_kernel()
        except Exception:  # noqa: BLE001
            pass
        kernel_log.close()
    elapsed = time.monotonic() - t0
    exported = write_outputs(nb, path, out_dir)
    if error is not None:
        raise error
    problems = plot_problems(nb, exported)
    if problems:
        raise NotebookFailure(f"{path.stem}: " + "; ".join(problems))
    return elapsed, count_plots(nb)


def write_outputs(nb, path: pathlib.Path, out_dir: pathlib.Path = OUT_DIR) -> str | None:
    """Writes the executed notebook (signed) and its HTML export; returns the HTML (None if the export failed)."""
    import nbformat
    from nbconvert import HTMLExporter

    out_dir.mkdir(parents=True, exist_ok=True)
    out_nb = out_dir / path.name
    try:  # sign it: opened in Jupyter on this machine, its interactive plots then run (PNG shows regardless)
        from nbformat.sign import NotebookNotary
        NotebookNotary().sign(nb)
    except Exception:  # noqa: BLE001 - signing is a convenience only
        pass
    nbformat.write(nb, out_nb)
    try:
        html, _ = HTMLExporter().from_notebook_node(nb)
        (out_dir / (path.stem + ".html")).write_text(html, encoding="utf-8")
        return html
    except Exception as e:  # noqa: BLE001
        log(f"  warning: HTML export of {path.name} failed: {e}")
        return None


def cmd_selftest(_args) -> int:
    """The plot counting on made-up notebooks: the old two-output form is caught, the one-bundle form passes."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    png = "iVBORw0KGgo="
    fallback = f'<img class="{PNG_CLASS}" src="data:image/png;base64,{png}">'

    def plot_html(pid, img=True):
        return (f'<div class="zen-plot" {PLOT_MARK}="{pid}">' + (fallback if img else "")
                + f'<div id="{pid}"></div><script>Plotly.newPlot("{pid}")</script></div>')

    def nb_of(*outputs_per_cell, plots=None):
        nb = new_notebook(cells=[new_code_cell("show(fig)", outputs=list(outs)) for outs in outputs_per_cell])
        if plots is not None:
            nb.metadata["zen"] = {"plots": plots}
        return nb

    def export(nb):
        from nbconvert import HTMLExporter
        return HTMLExporter().from_notebook_node(nb)[0]

    bundle = new_output("display_data", data={"text/html": plot_html("p1"), "image/png": png})
    cases = {
        "one bundle per plot": (nb_of([bundle], plots=1), 0),
        "two plots in two cells": (nb_of([bundle], [new_output("display_data", data={
            "text/html": plot_html("p2"), "image/png": png})], plots=2), 0),
        "a plain picture": (nb_of([new_output("display_data", data={"image/png": png})]), 0),
        "html then a separate png (shown twice)": (nb_of([
            new_output("display_data", data={"text/html": plot_html("p1", img=False)}),
            new_output("display_data", data={"image/png": png})]), 3),
        "html without png": (nb_of([new_output("display_data", data={"text/html": plot_html("p1", img=False)})]), 2),
        "fewer plots than zen.plots": (nb_of([bundle], plots=2), 1),
    }
    bad = 0
    for name, (nb, want) in cases.items():
        nbformat.validate(nb)
        got = plot_problems(nb, export(nb))
        ok = (len(got) == 0) if want == 0 else (len(got) >= 1)
        log(f"  {'ok  ' if ok else 'FAIL'} {name}: {len(got)} problem(s)" + ("" if ok else f" {got}"))
        bad += not ok
    # publish: a plot keeps its PNG only, scripts go, unformatted doubles are rounded, formatted numbers stay
    table = ('<table><tr><td>0.95112791054887132</td><td>45.539678216</td><td>985105</td></tr></table>'
             '<script>alert(1)</script>')
    nb = nb_of([bundle], [new_output("display_data", data={"text/html": table, "text/plain": "rho 0.123456789012345"})],
               [new_output("display_data", data={"text/html": plot_html("p3", img=False)})])
    problems = publishable(nb, 4)
    plot_out, table_out = nb.cells[0].outputs[0], nb.cells[1].outputs[0]
    checks = {
        "publish: plot keeps only its PNG": sorted(plot_out["data"]) == ["image/png", "text/plain"],
        "publish: scripts removed": "<script" not in table_out["data"]["text/html"],
        "publish: raw double rounded, formatted and integer kept":
            "<td>0.9511</td><td>45.539678216</td><td>985105</td>" in table_out["data"]["text/html"],
        "publish: raw double in text rounded": table_out["data"]["text/plain"] == "rho 0.1235",
        "publish: plot without PNG reported": len(problems) == 1 and "without its PNG" in problems[0],
    }
    for name, ok in checks.items():
        log(f"  {'ok  ' if ok else 'FAIL'} {name}")
        bad += not ok
    log("selftest: " + ("plot counting and publishing ok" if not bad else f"{bad} case(s) failed"))
    return 1 if bad else 0


def chosen(args) -> tuple[list[pathlib.Path], str | None]:
    """The notebooks and kernel named on the command line (NotebookFailure when one is unknown)."""
    return find_notebooks(args.names), kernel_spec_name(args.kernel)


def summary(failures: list[str], total: int, failed: str, passed: str) -> int:
    """Logs the failures (if any) or the success line; the exit status."""
    if failures:
        log(f"{len(failures)} of {total} notebook(s) {failed}:")
        for f in failures:
            log(f"  - {f}")
        return 1
    log(passed)
    return 0


def cmd_run(args) -> int:
    if args.quick:
        os.environ["ZEN_QUICK"] = "1"
    try:
        notebooks, kernel = chosen(args)
    except NotebookFailure as e:
        log(f"FAIL: {e}")
        return 2
    out_dir = OUT_DIR if kernel in (None, "java") else OUT_DIR / kernel
    failures = []
    for path in notebooks:
        log(f"run {path.name} on kernel {kernel or 'java'}{' (quick)' if args.quick else ''} ...")
        try:
            elapsed, pngs = run_notebook(path, kernel, args.budget, out_dir)
            log(f"  ok   {path.stem}: {elapsed:.1f} s, {pngs} plot(s) -> "
                f"{(out_dir / path.name).relative_to(ROOT)} + .html")
        except NotebookFailure as e:
            failures.append(str(e))
            log(f"  FAIL {e}")
        except Exception as e:  # noqa: BLE001 - unexpected runner error: still name the notebook
            failures.append(f"{path.stem}: {type(e).__name__}: {e}")
            log(f"  FAIL {path.stem}: {type(e).__name__}: {e}")
            if os.environ.get("ZEN_DEBUG"):
                traceback.print_exc()
    return summary(failures, len(notebooks), "failed", f"all {len(notebooks)} notebook(s) passed")


# --------------------------------------------------------------------------------------------------------- stress
def stock_spec_dir(kernel: str) -> pathlib.Path:
    """A temporary copy of the kernelspec WITHOUT the race fix on the classpath (to show the fix matters)."""
    import json
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(kernel)
    argv = list(spec.argv)
    if spec.metadata.get("zen.kernel") != "rapaio" or "-cp" not in argv:
        raise SystemExit("[notebooks] --stock applies to the rapaio kernel only (use --kernel rapaio --stock)")
    i = argv.index("-cp")
    argv[i + 1] = ":".join(p for p in argv[i + 1].split(":") if not p.rstrip("/").endswith("/fix"))
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="zen-stock-kernel-"))
    (tmp / "java-stock").mkdir()
    (tmp / "java-stock" / "kernel.json").write_text(json.dumps(
        {"argv": argv, "display_name": "stock", "language": "java", "env": spec.env}))
    return tmp


def cmd_stress(args) -> int:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    try:
        kernel = kernel_spec_name(args.kernel)
    except NotebookFailure as e:
        log(f"FAIL: {e}")
        return 2
    ksm = None
    tmp = None
    if args.stock:
        tmp = stock_spec_dir(kernel)
        ksm = KernelSpecManager(kernel_dirs=[str(tmp)])
        kernel = "java-stock"
    cell = args.cell
    log(f"stress: {args.n} starts of kernel '{kernel}', startup timeout {args.timeout} s, cell {cell!r}"
        f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    t_all = time.monotonic()
    ready_s, result_s, failures = [], [], []
    repaired = 0  # starts where the fixed LoopThread survived an early-message exception
    for i in range(1, args.n + 1):
        km = KernelManager(kernel_name=kernel, **({"kernel_spec_manager": ksm} if ksm else {}))
        kc = None
        klog = tempfile.NamedTemporaryFile("w", prefix=f"zen-stress-{i:03d}-", suffix=".log", delete=False)
        t0 = time.monotonic()
        try:
            km.start_kernel(cwd=str(NB_DIR if NB_DIR.is_dir() else ROOT), stdout=klog, stderr=klog)
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=args.timeout)
            t_ready = time.monotonic() - t0
            msg_id = kc.execute(cell, store_history=False)
            got = None
            deadline = time.monotonic() + args.timeout
            while time.monotonic() < deadline:
                msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind in ("execute_result", "display_data", "stream"):
                    got = msg["content"].get("data", {}) or msg["content"].get("text")
                elif kind == "error":
                    raise RuntimeError(f"cell error {msg['content'].get('ename')}: {msg['content'].get('evalue')}")
                elif kind == "status" and msg["content"]["execution_state"] == "idle" and got is not None:
                    break
            if got is None:
                raise RuntimeError("no result within the timeout")
            t_result = time.monotonic() - t0
            ready_s.append(t_ready)
            result_s.append(t_result)
            status = f"ok   ready {t_ready:5.2f} s, first result {t_result:5.2f} s"
        except Exception as e:  # noqa: BLE001 - a failed start is what we count
            failures.append((i, f"{type(e).__name__}: {e} (kernel log: {klog.name})"))
            status = f"FAIL {type(e).__name__}: {str(e)[:100]}"
        finally:
            try:
                if kc is not None:
                    kc.stop_channels()
                km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001
                pass
            klog.close()
        log_text = pathlib.Path(klog.name).read_text(errors="replace")
        if "[zen kernel fix]" in log_text:
            repaired += 1
        if not status.startswith("FAIL"):
            os.unlink(klog.name)
        if args.verbose or status.startswith("FAIL") or i % 10 == 0 or i == args.n:
            log(f"  {i:4d}/{args.n} {status}")
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    ok = len(result_s)
    log(f"result: {ok}/{args.n} starts answered, {len(failures)} failed in {time.monotonic() - t_all:.0f} s,"
        f" load average now {os.getloadavg()[0]:.1f}"
        + (f" ({repaired} start(s) survived an early message thanks to the loop fix)" if repaired else ""))
    if result_s:
        log(f"  start -> kernel ready:  median {statistics.median(ready_s):.2f} s, max {max(ready_s):.2f} s")
        log(f"  start -> first result:  median {statistics.median(result_s):.2f} s, max {max(result_s):.2f} s"
            f" (min {min(result_s):.2f} s)")
    for i, why in failures:
        log(f"  failure at start {i}: {why}")
    return 0 if not failures else 1


# ---------------------------------------------------------------------------------------------------------- serve
def free_port(preferred: int) -> int:
    for port in [preferred] + list(range(preferred + 1, preferred + 50)):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit(f"no free port near {preferred}")


def lab_argv(root_dir: pathlib.Path, port: int, token: str) -> list[str]:
    """JupyterLab on 127.0.0.1 only, with a token, no browser, kernel `java` by default (serve and browser-test).

    The kernel's status: JupyterLab ignores the status messages that answer a message type the server lists as
    "untracked" (not user activity), kernel_info_request among them. JJava announces no status when it starts and
    answers none of JupyterLab's other start-up requests with one, so its kernel would show "Unknown" until the first
    cell runs. Counting kernel_info as activity (it only matters to idle-kernel culling, which is off) lets the
    idle status of the start-up kernel_info exchange through.
    """
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    untracked = [t for t in MappingKernelManager.class_traits()["untracked_message_types"].default()
                 if t not in ("kernel_info_request", "kernel_info_reply")]
    jupyter = pathlib.Path(sys.executable).parent / "jupyter"
    argv = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
            f"--ServerApp.root_dir={root_dir}", f"--IdentityProvider.token={token}",
            # offline machines: no update checks, no news feed
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.news_url=None",
            "--MappingKernelManager.default_kernel_name=java"]
    argv += [f"--MappingKernelManager.untracked_message_types={t}" for t in untracked]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    return argv


def cmd_serve(args) -> int:
    port = free_port(args.port)
    token = os.environ.get("ZEN_NOTEBOOK_TOKEN") or secrets.token_hex(16)
    argv = lab_argv(NB_DIR, port, token)
    url = f"http://127.0.0.1:{port}/lab?token={token}"
    log(f"JupyterLab on {NB_DIR} (kernel 'java' is the default of the notebooks)")
    log(f"open: {url}")
    log("(remote machine: ssh -L %d:127.0.0.1:%d <host>, then open the same URL locally; Ctrl-C stops)" % (port, port))
    os.execv(argv[0], argv)
    return 0


# -------------------------------------------------------------------------------------------------------- publish
PUBLISH_DIR = ROOT / "docs" / "notebooks"
RAW_DOUBLE_DIGITS = 12   # a number printed with this many significant digits or more is an unformatted double
PUBLISHED_SIZE_WARN = 1 << 20


def significant_digits(token: str) -> int:
    mantissa = token.lower().split("e")[0].lstrip("+-").replace(".", "").lstrip("0")
    return len(mantissa)


def round_raw_doubles(text: str, digits: int) -> str:
    """Numbers printed with full double precision (a column or value nobody formatted, e.g. 0.95112791054887132) are
    rounded to `digits` significant digits; integers and numbers a notebook formatted itself stay as they are."""
    import math
    import re

    def fix(m):
        token = m.group(0)
        if significant_digits(token) < RAW_DOUBLE_DIGITS:
            return token
        x = float(token)
        if x == 0 or not math.isfinite(x):
            return token
        exponent = math.floor(math.log10(abs(x)))
        if exponent >= digits:
            return f"{x:.0f}"
        if exponent < -4:
            return f"{x:.{digits - 1}e}"
        return f"{x:.{max(0, digits - 1 - exponent)}f}"

    return re.sub(r"(?<![\w.])[-+]?\d+\.\d+(?:[eE][-+]?\d+)?(?![\w.])|(?<![\w.])[-+]?\d+[eE][-+]?\d+(?![\w.])", fix, text)


def publishable(nb, digits: int) -> list[str]:
    """Turns an executed notebook into its published form in place; returns the problems found.

    Plot outputs keep only their PNG (no inlined plotly: GitHub runs no scripts and the file stays small); other
    HTML outputs lose their scripts; full-precision doubles in HTML and text outputs are rounded (round_raw_doubles);
    execution timings are dropped.
    """
    import re
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                out["text"] = round_raw_doubles(out.get("text", ""), digits)
                continue
            data = out.get("data")
            if not data:
                continue
            html = str(data.get("text/html", ""))
            if PLOT_MARK in html:
                png = data.get("image/png")
                if not png:
                    problems.append(f"{cell_label(nb, i)}: a plot without its PNG (is Chromium installed?)")
                    continue
                alt = re.search(r'<img class="' + PNG_CLASS + r'"[^>]*alt="([^"]*)"', html)
                out["data"] = {"image/png": png, "text/plain": f"<plot: {alt.group(1) if alt else 'plot'}>"}
                out["metadata"] = {}
                continue
            for mime in [m for m in data if m not in ("text/html", "text/plain", "text/markdown", "image/png")]:
                del data[mime]
            if "text/html" in data:
                cleaned = re.sub(r"<script\b.*?</script>", "", html, flags=re.S | re.I)
                data["text/html"] = round_raw_doubles(cleaned, digits)
            if "text/plain" in data:
                data["text/plain"] = round_raw_doubles(str(data["text/plain"]), digits)
    return problems


def write_publish_index() -> None:
    """docs/notebooks/README.md: one line per published notebook, from the notebooks' own publish metadata."""
    import json
    rows = []
    for f in sorted(PUBLISH_DIR.glob("*.ipynb")):
        meta = json.loads(f.read_text()).get("metadata", {}).get("zen", {}).get("published", {})
        rows.append(f"| [{f.stem}]({f.name}) | {meta.get('date', '?')} | {meta.get('kernel', '?')} | "
                    f"{meta.get('seconds', '?')} s | {meta.get('plots', '?')} | {f.stat().st_size // 1024} KiB |")
    text = ("# Notebooks, rendered\n\n"
            "Each notebook of `notebooks/` as it ran in full mode (not the quick mode CI uses), written by\n"
            "`./zen notebooks publish`. Plots are pictures here; open the notebook in JupyterLab for the interactive\n"
            "ones (`./zen notebooks serve`). Numbers printed with full double precision are rounded to 4 significant\n"
            "digits; numbers a notebook formats itself are as printed.\n\n"
            "| notebook | run on | kernel | run time | plots | size |\n|---|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n")
    (PUBLISH_DIR / "README.md").write_text(text)


def cmd_publish(args) -> int:
    import datetime
    import nbformat

    os.environ.pop("ZEN_QUICK", None)   # full mode: every knob at its full value
    try:
        notebooks, kernel = chosen(args)
    except NotebookFailure as e:
        log(f"FAIL: {e}")
        return 2
    out_dir = OUT_DIR / "full"
    PUBLISH_DIR.mkdir(parents=True, exist_ok=True)
    failures = []
    for path in notebooks:
        log(f"publish {path.name}: running in full mode on kernel {kernel or 'java'} (budget {args.budget} s) ...")
        try:
            elapsed, plots = run_notebook(path, kernel, args.budget, out_dir)
        except Exception as e:  # noqa: BLE001 - a runner error names the notebook; the others still run
            why = str(e) if isinstance(e, NotebookFailure) else f"{path.stem}: {type(e).__name__}: {e}"
            failures.append(why)
            log(f"  FAIL {why}")
            continue
        nb = nbformat.read(out_dir / path.name, as_version=4)
        problems = publishable(nb, args.digits)
        if problems:
            failures.append(f"{path.stem}: " + "; ".join(problems))
            log(f"  FAIL {path.stem}: {'; '.join(problems)}")
            continue
        kind = "?"
        try:
            from jupyter_client.kernelspec import KernelSpecManager
            kind = KernelSpecManager().get_kernel_spec(kernel or "java").metadata.get("zen.kernel", "?")
        except Exception:  # noqa: BLE001 - the label is informative only
            pass
        nb.metadata.setdefault("zen", {})["published"] = {
            "date": datetime.date.today().isoformat(), "mode": "full", "kernel": kind,
            "seconds": round(elapsed), "plots": plots}
        nb.metadata.pop("signature", None)
        target = PUBLISH_DIR / path.name
        nbformat.write(nb, target)
        size = target.stat().st_size
        log(f"  ok   {path.stem}: {elapsed:.0f} s, {plots} plot(s) -> {target.relative_to(ROOT)} ({size // 1024} KiB)"
            + (" (large: check its outputs)" if size > PUBLISHED_SIZE_WARN else ""))
    write_publish_index()
    return summary(failures, len(notebooks), "not published",
                   f"published {len(notebooks)} notebook(s) into {PUBLISH_DIR.relative_to(ROOT)}/ (index: README.md)")


# --------------------------------------------------------------------------------------------------- browser-test
BROWSER_DIR = ROOT / "kernel-setup" / "browser-test"


def chromium_path() -> str | None:
    """Chromium as the workbench finds it elsewhere (dev.zennas.notebook.Chromium): ZEN_CHROMIUM, else the PATH."""
    explicit = os.environ.get("ZEN_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def node_major() -> int | None:
    import subprocess
    node = shutil.which("node")
    if not node:
        return None
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
        return int(out.lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def wait_for_server(base: str, token: str, proc, timeout_s: float) -> None:
    import urllib.request
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise NotebookFailure(f"JupyterLab exited with status {proc.returncode} while starting")
        try:
            req = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise NotebookFailure(f"JupyterLab did not answer within {timeout_s:.0f} s")


def stop_server(proc, base: str, token: str, runtime_dir: pathlib.Path) -> None:
    """Stops the server and every kernel it started, whatever state they are in.

    The server's own shutdown (its REST call) shuts its kernels down; SIGTERM, then SIGKILL, follow if it lingers.
    Kernels run in their own sessions, so a kernel the server could not stop is found by its connection file, which
    lies in this run's private runtime folder, and killed by its process id.
    """
    import signal
    import subprocess
    import urllib.request
    if proc.poll() is None:
        try:
            req = urllib.request.Request(f"{base}/api/shutdown", method="POST",
                                         headers={"Authorization": f"token {token}"})
            urllib.request.urlopen(req, timeout=5).close()
        except OSError:
            pass
        for sig, wait_s in ((None, 15), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            if sig is not None and proc.poll() is None:
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    pass
            try:
                proc.wait(timeout=wait_s)
                break
            except subprocess.TimeoutExpired:
                continue
    marker = str(runtime_dir)
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline:
            log(f"  stopping leftover kernel process {entry.name}")
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def cmd_browser_test(args) -> int:
    """JupyterLab on a private copy of the notebook, driven through its interface by headless Chromium."""
    import json
    import subprocess

    t_all = time.monotonic()
    try:
        (path,) = find_notebooks([args.name])
    except NotebookFailure as e:
        log(f"FAIL: {e}")
        return 2
    chromium = chromium_path()
    if chromium is None:
        log(f"FAIL: ZEN_CHROMIUM={os.environ['ZEN_CHROMIUM']} is not an executable file" if os.environ.get("ZEN_CHROMIUM")
            else "FAIL: Chromium is not installed (no chromium on the PATH); kernel-setup/install installs Debian's chromium")
        return 2
    major = node_major()
    if major is None or major < 18:
        log(f"FAIL: {'Node.js is not installed' if major is None else f'Node.js {major} is too old'} "
            "(the browser test needs node >= 18); kernel-setup/install installs Debian's npm and nodejs")
        return 2
    if not (BROWSER_DIR / "node_modules" / "playwright-core" / "package.json").is_file():
        log("FAIL: playwright-core is not installed in kernel-setup/browser-test; run kernel-setup/install")
        return 2
    nb_meta = json.loads(path.read_text()).get("metadata", {})
    expect_plots = int(nb_meta.get("zen", {}).get("plots", 0))

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    screenshot = OUT_DIR / f"{path.stem}.browser.png"
    work = pathlib.Path(tempfile.mkdtemp(prefix="zen-browser-test-"))
    # A private root: the run's outputs and autosaves never touch the committed notebook. Private runtime, settings
    # and workspace folders: nothing from an earlier session leaks in, nothing leaks out.
    root_dir = work / "notebooks"
    root_dir.mkdir()
    shutil.copy2(path, root_dir / path.name)
    runtime_dir = work / "runtime"
    settings_dir = work / "settings"
    tracker = settings_dir / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    # every cell in the page (no windowing): the checks read each cell's rendered output
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    # no "get notified about Jupyter news?" pop-up over the notebook (and no request for it)
    (settings_dir / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false"}))
    port = free_port(args.port)
    token = secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime_dir), JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"), JUPYTER_PREFER_ENV_PATH="1",
               ZEN_CHROMIUM=chromium)
    if args.quick:
        env["ZEN_QUICK"] = "1"
    argv = lab_argv(root_dir, port, token)
    server_log = open(OUT_DIR / f"{path.stem}.browser-server.log", "w")
    log(f"browser test: {path.name} in JupyterLab at {base} (kernel java{', quick' if args.quick else ''}), "
        f"Chromium {chromium}")
    proc = subprocess.Popen(argv, env=env, stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True)
    status = 1
    try:
        wait_for_server(base, token, proc, 60)
        log(f"  server up after {time.monotonic() - t_all:.1f} s")
        node_argv = ["node", str(BROWSER_DIR / "browser-test.mjs"), "--base", base, "--token", token,
                     "--notebook", path.name, "--screenshot", str(screenshot), "--chromium", chromium,
                     "--expect-kernel", "java", "--expect-plots", str(expect_plots),
                     "--timeout", str(args.timeout)]
        if args.kernel:
            node_argv += ["--expect-kind", args.kernel]
        try:
            done = subprocess.run(node_argv, cwd=BROWSER_DIR, capture_output=True, text=True,
                                  timeout=args.timeout + 30)
            lines = (done.stdout + done.stderr).splitlines()
        except subprocess.TimeoutExpired as e:
            lines = (e.stdout or b"").decode(errors="replace").splitlines() + ["FAIL: the browser did not finish"]
            done = None
        for line in lines:
            if line.startswith("[browser]"):
                log("  " + line)
        fail = next((ln for ln in lines if ln.startswith("FAIL:")), None)
        if done is not None and done.returncode == 0 and fail is None:
            status = 0
        else:
            other = [ln for ln in lines if not ln.startswith(("[browser]", "RESULT"))]
            log(f"FAIL {path.stem} in the browser: " + (fail[5:].strip() if fail else " | ".join(other[-3:])[:400]))
    except NotebookFailure as e:
        log(f"FAIL {path.stem} in the browser: {e}")
    finally:
        stop_server(proc, base, token, runtime_dir)
        server_log.close()
        shutil.rmtree(work, ignore_errors=True)
    rel = screenshot.relative_to(ROOT) if screenshot.exists() else "none"
    log(f"browser test {'ok  ' if status == 0 else 'FAIL'} {path.stem}: {time.monotonic() - t_all:.1f} s in all, "
        f"screenshot {rel}")
    return status


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="kernel-setup/notebooks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="execute notebooks headless into notebooks/.executed/")
    r.add_argument("--quick", action="store_true", help="set ZEN_QUICK=1 (small knobs, as in CI)")
    r.add_argument("--budget", type=int, default=None, help="seconds per notebook (overrides metadata zen.budget_s)")
    r.add_argument("--kernel", default=None, help="jjava, rapaio or java (default: the notebook's, i.e. java)")
    r.add_argument("names", nargs="*", help="notebook names, e.g. 00-quickstart or 00 (default: all)")
    s = sub.add_parser("stress", help="start the kernel N times and report failures and timings")
    s.add_argument("n", nargs="?", type=int, default=100)
    s.add_argument("--kernel", default="java", help="java (default), jjava or rapaio")
    s.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for ready / for the result")
    s.add_argument("--cell", default="1 + 1")
    s.add_argument("--stock", action="store_true", help="use the kernel jar WITHOUT the race fix (for comparison)")
    s.add_argument("-v", "--verbose", action="store_true", help="one line per start")
    v = sub.add_parser("serve", help="start JupyterLab on notebooks/")
    v.add_argument("--port", type=int, default=8888)
    sub.add_parser("selftest", help="check the plot counting and the publish rewriting on made-up notebooks")
    pb = sub.add_parser("publish", help="run notebooks in full mode and store rendered copies in docs/notebooks/")
    pb.add_argument("--budget", type=int, default=7200, help="seconds per notebook (default 7200)")
    pb.add_argument("--kernel", default=None, help="jjava, rapaio or java (default: the notebook's, i.e. java)")
    pb.add_argument("--digits", type=int, default=4, help="significant digits for full-precision doubles (4)")
    pb.add_argument("names", nargs="*", help="notebook names (default: all)")
    b = sub.add_parser("browser-test", help="run a notebook through JupyterLab in headless Chromium and check it")
    b.add_argument("name", nargs="?", default="00-quickstart", help="notebook (default: 00-quickstart)")
    b.add_argument("--full", dest="quick", action="store_false", help="full mode (default: quick, ZEN_QUICK=1)")
    b.add_argument("--kernel", default="jjava", help="which kernel `java` must be (default: jjava; '' skips)")
    b.add_argument("--timeout", type=int, default=150, help="seconds for the browser part (default 150)")
    b.add_argument("--port", type=int, default=8899)
    args = p.parse_args(argv)
    return {"run": cmd_run, "stress": cmd_stress, "serve": cmd_serve, "selftest": cmd_selftest,
            "browser-test": cmd_browser_test, "publish": cmd_publish}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
