"""Reads `jfr print --events jdk.ExecutionSample` on stdin and prints where the samples went.

Each sample counts once, for the code that was executing: its innermost frame outside the JDK
(a JDK frame, say HashMap.get, counts for whoever called it), by the library that frame belongs
to. Then the hottest tracing frames, with two callers.
"""
import collections
import re
import sys

PARTS = [
    ("JWT verification", r"org\.jose4j|io\.smallrye\.jwt|io\.quarkus\.smallrye\.jwt"),
    ("span export", r"io\.opentelemetry\.exporter|BatchSpanProcessor|zipkin2|io\.quarkus\.opentelemetry\.runtime\.exporter"),
    ("tracing", r"io\.opentelemetry|io\.quarkus\.opentelemetry|io\.learnhub\.common\.tracing|io\.learnhub\.gateway\.tracing|io\.learnhub\.gateway\.sampling"),
    ("logging", r"org\.jboss\.logmanager|org\.jboss\.logging|io\.learnhub\.common\.logging"),
    ("metrics", r"io\.micrometer|io\.quarkus\.micrometer"),
    ("database", r"io\.vertx\.pgclient|io\.vertx\.sqlclient|org\.hibernate"),
    ("Redis", r"io\.vertx\.redis|io\.quarkus\.redis"),
    ("JSON", r"com\.fasterxml\.jackson"),
    ("config lookups", r"io\.smallrye\.config"),
    ("security", r"io\.quarkus\.security|io\.quarkus\.vertx\.http\.runtime\.security"),
    ("HTTP client", r"io\.vertx\.ext\.web\.client|io\.vertx\.core\.http\.impl\.(Http1xClient|HttpClient)"),
]
PLUMBING = [
    ("REST layer", r"org\.jboss\.resteasy\.reactive|io\.quarkus\.resteasy\.reactive"),
    ("Vert.x / Netty I/O", r"io\.vertx|io\.netty"),
    ("CDI, Mutiny, context propagation", r"io\.quarkus\.arc|io\.smallrye\.mutiny|io\.smallrye\.context|io\.quarkus\.vertx\.core"),
    ("our code", r"io\.learnhub"),
]
JDK = re.compile(r"^(java|javax|jdk|sun|com\.sun)\.")
TRACING = re.compile(PARTS[1][1] + "|" + PARTS[2][1])
FRAME = re.compile(r"^([\w$.<>]+)\(")


def short(frame):
    parts = frame.split(".")
    return ".".join(parts[-2:])


def main():
    shares, hot_tracing = collections.Counter(), collections.Counter()
    total = 0
    stack = []

    def count():
        nonlocal total
        if not stack:
            return
        total += 1
        executing = next((frame for frame in stack if not JDK.match(frame)), stack[0])
        part = next((name for name, rx in PARTS + PLUMBING if re.search(rx, executing)), "other")
        shares[part] += 1
        for i, frame in enumerate(stack):
            if TRACING.search(frame):
                hot_tracing[" <- ".join(short(f) for f in stack[i:i + 3])] += 1
                break

    for line in sys.stdin:
        text = line.strip()
        if text.startswith("jdk.ExecutionSample"):
            count()
            stack = []
        else:
            match = FRAME.match(text)
            if match:
                stack.append(match.group(1))
    count()
    if total == 0:
        print("no execution samples")
        return
    print(f"{total} execution samples")
    for part, samples in shares.most_common():
        print(f"  {100 * samples / total:5.1f} %  {part}")
    print("hottest tracing frames (innermost, with two callers):")
    for frames, samples in hot_tracing.most_common(12):
        print(f"  {100 * samples / total:5.1f} %  {frames}")


if __name__ == "__main__":
    main()
