"""bench/soak's report: reads the measurements of one soak (its work directory), prints one table
and writes the same as one JSON document.

    python3 bench/soak-report.py WORK_DIR RESULT.json [key=value ...]   (the key=values describe the run)

"First minute" and "last minute" are the first and the last 60 s of the load (the load program's
start and its SECONDS); a latency belongs to the minute its request or message was sent in.
"""
import json
import math
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

MINUTE_MS = 60_000
# bench/soak's SETTLE_SECONDS: the samplers and the logs count that long after the load
SETTLE_MS = 15_000
KINDS = ("chat", "webhook", "report")
# a service log's line (infra/local/up's logs, the services' console format, UTC): time, level, the rest
LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (WARN|ERROR) +(.*)$")
# a line's trace and correlation ids vary from line to line: left out of the examples
LOG_IDS = re.compile(r"traceId=\S* spanId=\S* correlationId=\S* ")
LOG_EXAMPLES = 3
SERVICE_LOGS = ("gateway", "chat-service", "chat-service-2", "payment-service", "report-service")
# the value may be followed by an OpenMetrics exemplar: ` # {span_id=...,trace_id=...} 1.0 <time>`
UNCHECKED_METRIC = re.compile(r'^learnhub_gateway_rate_limit_unchecked_total\{[^}]*route="([^"]+)"[^}]*\} ([0-9.eE+]+)(?: #.*)?$')
WHAT_IS_TIMED = {
    "chat": "chat send -> delivery (each receiver)",
    "webhook": "payment webhook -> its answer",
    "report": "teacher stats read -> its answer",
}


def read_lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def percentile(sorted_values, percent):
    """Nearest rank, as the load programs compute it."""
    if not sorted_values:
        return None
    rank = math.ceil(percent / 100 * len(sorted_values))
    return sorted_values[max(rank, 1) - 1]


def drift(first, last):
    return None if first in (None, 0) or last is None else round((last - first) / first * 100, 1)


def rounded(value, digits=2):
    return None if value is None else round(value, digits)


def slope_mib_per_minute(samples):
    """Least-squares slope of RSS over time: how fast it still grows once the first minutes are past."""
    if len(samples) < 3:
        return None
    xs = [s["t_ms"] / MINUTE_MS for s in samples]
    ys = [s["rss_kib"] / 1024 for s in samples]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread_x = sum((x - mean_x) ** 2 for x in xs)
    return round(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread_x, 2) if spread_x else None


def rss_growth(rows, start_ms, end_ms):
    by_service = {}
    for row in rows:
        by_service.setdefault(row["service"], []).append(row)
    growth = {}
    for service, samples in sorted(by_service.items()):
        first = [s["rss_kib"] for s in samples if start_ms <= s["t_ms"] < start_ms + MINUTE_MS]
        last = [s["rss_kib"] for s in samples if end_ms - MINUTE_MS <= s["t_ms"] <= end_ms]
        first_mib = sum(first) / len(first) / 1024 if first else None
        last_mib = sum(last) / len(last) / 1024 if last else None
        growth[service] = {
            "first_minute_mib": rounded(first_mib, 1),
            "last_minute_mib": rounded(last_mib, 1),
            "growth_mib": rounded(last_mib - first_mib, 1) if first and last else None,
            "growth_percent": drift(first_mib, last_mib),
            "peak_mib": round(max(s["rss_kib"] for s in samples) / 1024, 1),
            "second_half_slope_mib_per_minute": slope_mib_per_minute(
                [s for s in samples if (start_ms + end_ms) / 2 <= s["t_ms"] <= end_ms]),
            "samples": len(samples),
        }
    return growth


def kafka_lag(rows, start_ms):
    lag = {}
    failed = [row for row in rows if "error" in row]
    for row in rows:
        if "error" in row or row["t_ms"] < start_ms:
            continue
        entry = lag.setdefault(f"{row['group']} / {row['topic']}", {"max": 0, "final": None, "samples": 0})
        entry["max"] = max(entry["max"], row["lag"])
        entry["final"] = row["lag"]
        entry["samples"] += 1
    return {"by_group_and_topic": dict(sorted(lag.items())), "unanswered_samples": len(failed),
            "unanswered": sorted({row["error"] for row in failed})[:3]}


def error_spans(before, after):
    earlier = {(e["service"], e["name"]): e["count"] for e in before.get("errors", [])}
    during = []
    for entry in after.get("errors", []):
        count = entry["count"] - earlier.get((entry["service"], entry["name"]), 0)
        if count > 0:
            during.append({"service": entry["service"], "name": entry["name"], "count": count, "samples": entry["samples"]})
    return {
        "spans_during_load": after.get("spans", 0) - before.get("spans", 0),
        "error_spans_during_load": sum(e["count"] for e in during),
        "during_load": sorted(during, key=lambda e: -e["count"]),
        "spans_at_start_up": before.get("spans", 0),
        "error_spans_at_start_up": before.get("error_spans", 0),
        "at_start_up": before.get("errors", []),
    }


def latencies(sample_lines, seconds):
    samples = {kind: [] for kind in KINDS}
    for line in sample_lines:
        kind, t_ms, latency_us = line.split()
        samples.setdefault(kind, []).append((int(t_ms), int(latency_us) / 1000))
    end_ms = seconds * 1000
    figures = {}
    for kind, rows in samples.items():
        first = sorted(ms for t, ms in rows if t < MINUTE_MS)
        last = sorted(ms for t, ms in rows if t >= end_ms - MINUTE_MS)
        everything = sorted(ms for _, ms in rows)
        first_p50, first_p99 = percentile(first, 50), percentile(first, 99)
        last_p50, last_p99 = percentile(last, 50), percentile(last, 99)
        figures[kind] = {
            "what": WHAT_IS_TIMED.get(kind, kind),
            "count": len(everything),
            "first_minute": {"count": len(first), "p50_ms": rounded(first_p50), "p99_ms": rounded(first_p99)},
            "last_minute": {"count": len(last), "p50_ms": rounded(last_p50), "p99_ms": rounded(last_p99)},
            "p50_drift_percent": drift(first_p50, last_p50),
            "p99_drift_percent": drift(first_p99, last_p99),
            "whole_run": {"p50_ms": rounded(percentile(everything, 50)), "p99_ms": rounded(percentile(everything, 99)),
                          "max_ms": rounded(everything[-1] if everything else None)},
        }
    return figures


def log_warnings(logs, start_ms, end_ms):
    """WARN and ERROR lines of each service's log written during the load, with the first few different ones."""
    found = {}
    for service in SERVICE_LOGS:
        path = logs / f"{service}.log"
        if not path.exists():
            continue
        entry = {"WARN": 0, "ERROR": 0, "examples": []}
        for line in path.read_text(errors="replace").splitlines():
            match = LOG_LINE.match(line)
            if not match:
                continue
            at = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp() * 1000
            if not start_ms <= at <= end_ms:
                continue
            entry[match.group(2)] += 1
            example = f"{match.group(2)} {LOG_IDS.sub('', match.group(3))[:300]}"
            if len(entry["examples"]) < LOG_EXAMPLES and example not in entry["examples"]:
                entry["examples"].append(example)
        found[service] = entry
    return found


def unchecked_requests(metrics_path):
    """The gateway's learnhub_gateway_rate_limit_unchecked_total by route: let through without a rate limit check."""
    if not metrics_path.exists():
        return None
    by_route = {}
    for line in metrics_path.read_text().splitlines():
        match = UNCHECKED_METRIC.match(line)
        if match:
            by_route[match.group(1)] = by_route.get(match.group(1), 0) + int(float(match.group(2)))
    return by_route


def totals(load, database):
    requests = load["requests"]
    sent = {kind: sum(statuses.values()) for kind, statuses in requests.items()}
    not_2xx = {kind: {status: n for status, n in statuses.items() if not status.startswith("2")}
               for kind, statuses in requests.items()}
    chat = load["chat"]
    webhooks = requests.get("webhook", {})
    return {
        "requests_sent": sent,
        "requests_sent_total": sum(sent.values()),
        "not_2xx": {kind: statuses for kind, statuses in not_2xx.items() if statuses},
        "chat_messages_sent": chat["messages_sent"],
        "chat_messages_stored": database.get("chat_messages_stored"),
        "chat_deliveries": chat["deliveries"],
        "chat_expected_deliveries": chat["expected_deliveries"],
        "chat_error_frames": chat["error_frames"],
        "chat_sockets_closed_by_server": chat["unexpected_closes"],
        "webhooks_accepted": sum(n for status, n in webhooks.items() if status.startswith("2")),
        "invoices_paid": database.get("invoices_paid"),
        "invoices_unpaid": database.get("invoices_unpaid"),
        "enrolment_emails_sent": database.get("enrolment_emails_sent"),
    }


def table(rows, header):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def show(value, suffix=""):
    return "-" if value is None else f"{value}{suffix}"


def print_report(result):
    print(f"\nSoak: {result['run'].get('minutes')} min of load, {result['run'].get('commit')}\n")
    print("RSS (MiB): first minute's average -> last minute's")
    print(table([[service, show(g["first_minute_mib"]), show(g["last_minute_mib"]), show(g["growth_mib"]),
                  show(g["growth_percent"], " %"), g["peak_mib"], show(g["second_half_slope_mib_per_minute"])]
                 for service, g in result["rss"].items()],
                ["service", "first min", "last min", "growth", "growth %", "peak", "MiB/min, 2nd half"]))
    lag = result["kafka_lag"]
    print("\nKafka consumer lag (records)")
    print(table([[key, entry["max"], show(entry["final"]), entry["samples"]] for key, entry in lag["by_group_and_topic"].items()],
                ["group / topic", "max", "final", "samples"]))
    if lag["unanswered_samples"]:
        print(f"  {lag['unanswered_samples']} samples unanswered: {lag['unanswered']}")
    spans = result["spans"]
    print(f"\nSpans during the load: {spans['spans_during_load']}, with status ERROR: {spans['error_spans_during_load']}"
          f" (at start-up: {spans['error_spans_at_start_up']} of {spans['spans_at_start_up']})")
    for entry in spans["during_load"]:
        print(f"  {entry['count']:>6}  {entry['service']}  {entry['name']}")
        for sample in entry["samples"][:1]:
            print(f"          e.g. {sample[:400]}")
    print("\nWARN / ERROR log lines during the load")
    for service, entry in result["log_warnings"].items():
        print(f"  {service}: {entry['WARN']} WARN, {entry['ERROR']} ERROR")
        for example in entry["examples"]:
            print(f"      {example[:200]}")
    unchecked = result["gateway_rate_limit_unchecked"]
    print(f"Requests the gateway let through without a rate limit check (Redis over its timeout): "
          f"{'not read' if unchecked is None else sum(unchecked.values())} {unchecked or ''}")
    print("\nLatency (ms): first minute -> last minute")
    print(table([[kind, f["what"], f["count"],
                  f"{show(f['first_minute']['p50_ms'])} / {show(f['first_minute']['p99_ms'])}",
                  f"{show(f['last_minute']['p50_ms'])} / {show(f['last_minute']['p99_ms'])}",
                  show(f["p50_drift_percent"], " %"), show(f["p99_drift_percent"], " %")]
                 for kind, f in result["latency"].items()],
                ["kind", "what", "samples", "first p50 / p99", "last p50 / p99", "p50 drift", "p99 drift"]))
    t = result["totals"]
    print(f"\nRequests sent: {t['requests_sent_total']} {t['requests_sent']}")
    print(f"Not 2xx: {t['not_2xx'] or 'none'}")
    print(f"Chat: {t['chat_messages_sent']} messages sent ({show(t['chat_messages_stored'])} stored), "
          f"{t['chat_deliveries']} of {t['chat_expected_deliveries']} deliveries, {t['chat_error_frames']} error frames, "
          f"{t['chat_sockets_closed_by_server']} sockets closed by the server")
    print(f"Payments: {t['webhooks_accepted']} webhooks accepted, {show(t['invoices_paid'])} invoices paid "
          f"({show(t['invoices_unpaid'])} not), {show(t['enrolment_emails_sent'])} enrolment emails sent\n")


def main():
    work, out = Path(sys.argv[1]), Path(sys.argv[2])
    run = dict(arg.split("=", 1) for arg in sys.argv[3:])
    load = json.loads((work / "soak.json").read_text())
    start_ms = load["started_epoch_ms"]
    end_ms = start_ms + load["seconds"] * 1000
    result = {
        "run": run,
        "rss": rss_growth(read_lines(work / "rss.jsonl"), start_ms, end_ms),
        "kafka_lag": kafka_lag(read_lines(work / "kafka-lag.jsonl"), start_ms),
        "spans": error_spans(json.loads((work / "errors-before.json").read_text()),
                             json.loads((work / "errors-after.json").read_text())),
        "latency": latencies((work / "samples.txt").read_text().splitlines(), load["seconds"]),
        "log_warnings": log_warnings(work / "logs", start_ms, end_ms + SETTLE_MS),
        "gateway_rate_limit_unchecked": unchecked_requests(work / "gateway-metrics.txt"),
        "totals": totals(load, json.loads((work / "database.json").read_text())),
    }
    print_report(result)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written: {out}")


if __name__ == "__main__":
    main()
