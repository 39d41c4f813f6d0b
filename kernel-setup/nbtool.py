"""Headless notebook tool of the Zen-NAS Workbench (run by kernel-setup/notebooks with Debian's /usr/bin/python3).

  run [--quick] [--budget S] [--kernel NAME] [NAME...]   execute notebooks into notebooks/.executed/NAME.{ipynb,html}
  stress [N] [--kernel NAME] [--stock]                     start the kernel N times, execute one cell, shut down
  serve [--port P]                                         Jupyter Notebook on notebooks/ (no browser, 127.0.0.1)

Checks made by `run` (any failure -> exit status 1 with a message naming notebook and cell):
  * no cell raises an error;
  * the notebook finishes within its budget (default 300 s; notebook metadata `zen.budget_s` overrides;
    `--budget` overrides both);
  * plots come with pictures: every cell with a plotly HTML output (the library marks it with
    `data-zen-plot`) also has an `image/png` output; and if the notebook metadata has `zen.plots`, the notebook
    produced at least that many `image/png` outputs.
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
PLOT_MARK = "data-zen-plot"


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


def png_problems(nb) -> list[str]:
    problems = []
    pngs = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outs = cell.get("outputs", [])
        has_png = any("image/png" in o.get("data", {}) for o in outs)
        pngs += sum(1 for o in outs if "image/png" in o.get("data", {}))
        has_plot_html = any(PLOT_MARK in str(o.get("data", {}).get("text/html", "")) for o in outs)
        if has_plot_html and not has_png:
            why = " ".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outs)
            hint = " (" + why.strip()[:160] + ")" if "PNG" in why else ""
            problems.append(f"{cell_label(nb, i)} shows a plot but produced no image/png output{hint}")
    expected = nb.metadata.get("zen", {}).get("plots")
    if expected is not None and pngs < int(expected):
        problems.append(f"notebook metadata zen.plots = {expected} but only {pngs} image/png outputs were produced")
    return problems


def run_notebook(path: pathlib.Path, kernel: str | None, budget_override: int | None) -> tuple[float, int]:
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
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    kernel_log = open(OUT_DIR / (path.stem + ".kernel.log"), "w")
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
    write_outputs(nb, path)
    if error is not None:
        raise error
    problems = png_problems(nb)
    if problems:
        raise NotebookFailure(f"{path.stem}: " + "; ".join(problems))
    pngs = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if "image/png" in o.get("data", {}))
    return elapsed, pngs


def write_outputs(nb, path: pathlib.Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out_nb = OUT_DIR / path.name
    try:  # sign it: opened in Jupyter on this machine, its interactive plots then run (PNG shows regardless)
        from nbformat.sign import NotebookNotary
        NotebookNotary().sign(nb)
    except Exception:  # noqa: BLE001 - signing is a convenience only
        pass
    nbformat.write(nb, out_nb)
    try:
        html, _ = HTMLExporter().from_notebook_node(nb)
        (OUT_DIR / (path.stem + ".html")).write_text(html, encoding="utf-8")
    except Exception as e:  # noqa: BLE001
        log(f"  warning: HTML export of {path.name} failed: {e}")


def cmd_run(args) -> int:
    if args.quick:
        os.environ["ZEN_QUICK"] = "1"
    try:
        notebooks = find_notebooks(args.names)
    except NotebookFailure as e:
        log(f"FAIL: {e}")
        return 2
    failures = []
    for path in notebooks:
        log(f"run {path.name}{' (quick)' if args.quick else ''} ...")
        try:
            elapsed, pngs = run_notebook(path, args.kernel, args.budget)
            log(f"  ok   {path.stem}: {elapsed:.1f} s, {pngs} PNG plot(s) -> "
                f"{(OUT_DIR / path.name).relative_to(ROOT)} + .html")
        except NotebookFailure as e:
            failures.append(str(e))
            log(f"  FAIL {e}")
        except Exception as e:  # noqa: BLE001 - unexpected runner error: still name the notebook
            failures.append(f"{path.stem}: {type(e).__name__}: {e}")
            log(f"  FAIL {path.stem}: {type(e).__name__}: {e}")
            if os.environ.get("ZEN_DEBUG"):
                traceback.print_exc()
    if failures:
        log(f"{len(failures)} of {len(notebooks)} notebook(s) failed:")
        for f in failures:
            log(f"  - {f}")
        return 1
    log(f"all {len(notebooks)} notebook(s) passed")
    return 0


# --------------------------------------------------------------------------------------------------------- stress
def stock_spec_dir(kernel: str) -> pathlib.Path:
    """A temporary copy of the kernelspec WITHOUT the race fix on the classpath (to show the fix matters)."""
    import json
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(kernel)
    argv = list(spec.argv)
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

    kernel = args.kernel
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
        f" ({repaired} start(s) survived an early message thanks to the loop fix)")
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


def cmd_serve(args) -> int:
    port = free_port(args.port)
    token = os.environ.get("ZEN_NOTEBOOK_TOKEN") or secrets.token_hex(16)
    argv = ["/usr/bin/jupyter", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
            f"--notebook-dir={NB_DIR}", f"--NotebookApp.token={token}"]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    url = f"http://127.0.0.1:{port}/?token={token}"
    log(f"Jupyter Notebook on {NB_DIR}")
    log(f"open: {url}")
    log("(remote machine: ssh -L %d:127.0.0.1:%d <host>, then open the same URL locally; Ctrl-C stops)" % (port, port))
    os.execv(argv[0], argv)
    return 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="kernel-setup/notebooks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="execute notebooks headless into notebooks/.executed/")
    r.add_argument("--quick", action="store_true", help="set ZEN_QUICK=1 (small knobs, as in CI)")
    r.add_argument("--budget", type=int, default=None, help="seconds per notebook (overrides metadata zen.budget_s)")
    r.add_argument("--kernel", default=None, help="kernelspec name (default: the notebook's, else 'java')")
    r.add_argument("names", nargs="*", help="notebook names, e.g. 00-quickstart or 00 (default: all)")
    s = sub.add_parser("stress", help="start the kernel N times and report failures and timings")
    s.add_argument("n", nargs="?", type=int, default=100)
    s.add_argument("--kernel", default="java")
    s.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for ready / for the result")
    s.add_argument("--cell", default="1 + 1")
    s.add_argument("--stock", action="store_true", help="use the kernel jar WITHOUT the race fix (for comparison)")
    s.add_argument("-v", "--verbose", action="store_true", help="one line per start")
    v = sub.add_parser("serve", help="start Jupyter Notebook on notebooks/")
    v.add_argument("--port", type=int, default=8888)
    args = p.parse_args(argv)
    return {"run": cmd_run, "stress": cmd_stress, "serve": cmd_serve}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
