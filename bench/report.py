"""bench/run's report: reads the measurements of one run (JSON lines in its work directory),
prints one table with every target of docs/performance.md marked pass or short, and writes the
same as one JSON document.

    python3 bench/report.py WORK_DIR RESULT.json [key=value ...]   (the key=values describe the run)
"""
import json
import os
import statistics
import sys
from pathlib import Path

PATHS = ("direct", "nginx", "gateway")
RSS_LIMIT_MIB = 256
CLOCK_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def read_lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def spread(values):
    """Median with the lowest and highest of the rounds."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def http_figures(rows):
    figures = {}
    for row in rows:
        figures.setdefault(row["mode"], {}).setdefault(row["path"], []).append(row)
    summary = {}
    for mode, paths in figures.items():
        for path, rounds in paths.items():
            requests = sum(r["wrk"]["requests"] for r in rounds)
            cpu = {}
            if all("cpu_ticks_before" in r for r in rounds):
                for part in rounds[0]["cpu_ticks_before"]:
                    ticks = sum(r["cpu_ticks_after"][part] - r["cpu_ticks_before"][part] for r in rounds)
                    cpu[part] = round(ticks * 1e6 / CLOCK_TICKS_PER_SECOND / requests) if requests else 0
            summary.setdefault(mode, {})[path] = {
                "rounds": len(rounds),
                "rps": spread([r["wrk"]["rps"] for r in rounds]),
                "p50_ms": spread([r["wrk"]["p50_us"] / 1000 for r in rounds]),
                "p99_ms": spread([r["wrk"]["p99_us"] / 1000 for r in rounds]),
                "failed": sum(r["wrk"]["failed"] for r in rounds),
                "exported_spans_per_request": round(sum(r["exported_spans"] for r in rounds) / requests, 2) if requests else 0,
                "cpu_us_per_request": cpu,
            }
    return summary


def target(name, value, limit, at_most):
    passed = value is not None and (value <= limit if at_most else value >= limit)
    return {"target": name, "value": None if value is None else round(value, 3),
            "limit": ("<= " if at_most else ">= ") + str(limit), "result": "pass" if passed else "short"}


def targets(http, webhook, fanout, rss):
    found = []
    traced, untraced = http.get("traced", {}), http.get("untraced", {})
    for path in PATHS:
        if path in traced and path in untraced and untraced[path]["rps"]["median"] > 0:
            found.append(target(f"{path}: throughput traced/untraced", traced[path]["rps"]["median"] / untraced[path]["rps"]["median"], 0.95, False))
            found.append(target(f"{path}: p99 traced/untraced", traced[path]["p99_ms"]["median"] / untraced[path]["p99_ms"]["median"], 1.10, True))
    for mode, paths in http.items():
        if all(p in paths for p in PATHS) and paths["nginx"]["rps"]["median"] > 0:
            found.append(target(f"{mode}: throughput gateway/nginx", paths["gateway"]["rps"]["median"] / paths["nginx"]["rps"]["median"], 0.8, False))
            direct = paths["direct"]["p50_ms"]["median"]
            nginx_added = paths["nginx"]["p50_ms"]["median"] - direct
            gateway_added = paths["gateway"]["p50_ms"]["median"] - direct
            found.append(target(f"{mode}: added p50 gateway/nginx ({gateway_added:.2f} ms / {nginx_added:.2f} ms)",
                                gateway_added / nginx_added if nginx_added > 0 else None, 1.5, True))
    for row in fanout:
        found.append(target(f"{row['mode']}: WebSocket fan-out p99 ms ({row['fanout']['clients']} clients)", row["fanout"]["p99_ms"], 25, True))
    for row in webhook:
        found.append(target(f"{row['mode']}: webhook -> teacher email p50 ms", row["webhook"]["p50_ms"], 100, True))
    for (mode, service), kib in sorted(rss.items()):
        found.append(target(f"{mode}: {service} peak RSS MiB", kib / 1024, RSS_LIMIT_MIB, True))
    return found


def main():
    work, result = Path(sys.argv[1]), Path(sys.argv[2])
    run = dict(arg.split("=", 1) for arg in sys.argv[3:])
    http = http_figures(read_lines(work / "http.jsonl"))
    webhook, fanout = read_lines(work / "webhook.jsonl"), read_lines(work / "fanout.jsonl")
    rss = {}
    for row in read_lines(work / "rss.jsonl"):
        key = (row["mode"], row["service"])
        rss[key] = max(rss.get(key, 0), row["rss_kib"])
    document = {
        "run": run,
        "http": http,
        "webhook": {row["mode"]: row["webhook"] for row in webhook},
        "fanout": {row["mode"]: row["fanout"] for row in fanout},
        "peak_rss_mib": {f"{mode}/{service}": round(kib / 1024, 1) for (mode, service), kib in sorted(rss.items())},
        "targets": targets(http, webhook, fanout, rss),
    }
    result.write_text(json.dumps(document, indent=2) + "\n")

    print(f"\nLearnHub benchmark {result.stem}: " + ", ".join(f"{k} {v}" for k, v in run.items()))
    print(f"\nGET /api/chat/rooms, median of {run.get('rounds', '?')} rounds [min-max]")
    print(f"{'mode':9} {'path':8} {'req/s':>24} {'p50 ms':>20} {'p99 ms':>22} {'spans/req':>9} {'failed':>6}")
    for mode, paths in http.items():
        for path in PATHS:
            if path not in paths:
                continue
            f = paths[path]
            print(f"{mode:9} {path:8} {f['rps']['median']:8.0f} [{f['rps']['min']:5.0f}-{f['rps']['max']:5.0f}]"
                  f" {f['p50_ms']['median']:6.2f} [{f['p50_ms']['min']:5.2f}-{f['p50_ms']['max']:5.2f}]"
                  f" {f['p99_ms']['median']:7.2f} [{f['p99_ms']['min']:5.1f}-{f['p99_ms']['max']:5.1f}]"
                  f" {f['exported_spans_per_request']:9.2f} {f['failed']:6d}")
    if any(f.get("cpu_us_per_request") for paths in http.values() for f in paths.values()):
        print("\nCPU time per request, microseconds (user + system, over all rounds)")
        print(f"{'mode':9} {'path':8} {'gateway':>8} {'nginx':>8} {'chat (both replicas)':>21}")
        for mode, paths in http.items():
            for path in PATHS:
                cpu = paths.get(path, {}).get("cpu_us_per_request")
                if cpu:
                    chat = cpu.get("chat-service", 0) + cpu.get("chat-service-2", 0)
                    print(f"{mode:9} {path:8} {cpu.get('gateway', 0):8d} {cpu.get('nginx', 0):8d} {chat:21d}")
    print()
    for mode, row in document["fanout"].items():
        print(f"WebSocket fan-out, {mode}: {row['clients']} clients, {row['deliveries']}/{row['expected_deliveries']} delivered,"
              f" {row['deliveries_per_second']:.0f}/s; send->receive p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms, max {row['max_ms']:.1f} ms")
    for mode, row in document["webhook"].items():
        print(f"webhook -> teacher email, {mode}: {row['emails']}/{row['payments']} emails;"
              f" p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms, max {row['max_ms']:.1f} ms")
    print("\npeak RSS MiB: " + ", ".join(f"{k} {v}" for k, v in document["peak_rss_mib"].items()) + "\n")
    width = max(len(t["target"]) for t in document["targets"]) if document["targets"] else 10
    for t in document["targets"]:
        print(f"  {t['result']:5}  {t['target']:{width}}  {t['value']}  (target {t['limit']})")
    print(f"\nwritten: {result}")


if __name__ == "__main__":
    main()
