import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A payment end to end: from the provider's signed payment.succeeded webhook reaching the gateway
 * to the teacher's "New student in <course>" email accepted by the mail server (report-service,
 * after payments.invoice-paid.v1 crossed Kafka).
 *
 * <pre>
 *   javac -d CLASSES bench/*.java          (bench/run does this; the programs share DevTokens)
 *   java -cp CLASSES WebhookLatency GATEWAY_URL [COUNT] [RATE]
 *   java -cp CLASSES WebhookLatency http://localhost:8080 50 5
 * </pre>
 *
 * <ul>
 * <li>COUNT (default 50): payments, each by a fresh student (user ids are fresh per run).</li>
 * <li>RATE (default 5): webhooks per second. The gateway allows 50/s (burst 100) per client
 * address on the webhook route; above that, set
 * LEARNHUB_GATEWAY_ROUTES_PAYMENTS_WEBHOOK_RATE_LIMIT_PER_SECOND (and _BURST) on the gateway.</li>
 * </ul>
 *
 * <p>First every student creates an invoice for the demo course (c0ffee00-…-0001, whose teacher
 * 1001 has an email address; docs/contracts.md, "Demo data"), one after the other; one invoice
 * per student keeps each far under the payments route's 5/s per user. Then the webhooks are sent
 * at RATE without waiting for each other, each notification shaped and signed like
 * payment-service's SandboxProvider does, and the wall clock (epoch micros) is read right before
 * each is sent. An email is sent when report-service's row in {@code emails} (database
 * {@code reports}; template {@code enrolment}, subject_id = the invoice id) is SENT: its
 * {@code sent_at} is report-service's clock on the same machine. The program reads those rows with
 * psql every half second until every accepted (2xx) webhook has its email, or 60 s after the last
 * webhook answered.
 *
 * <p>Needs: the suite running (infra/local/up: demo data and the local webhook secret), psql on
 * the PATH reaching the reports database (PGHOST 127.0.0.1, PGUSER postgres and PGDATABASE reports
 * unless set; PGPORT and PGPASSWORD as psql reads them), and the dev signing key for the students'
 * tokens (infra/local/jwt/privateKey.pem relative to the working directory, so run from the
 * repository root, or TOKEN_SIGNING_KEY). PAYMENT_WEBHOOK_SECRET, default {@code dev-webhook-secret},
 * must be payment-service's.
 *
 * <p>Output: progress on stderr; on stdout one JSON line {@code {"payments","accepted","emails",
 * "missing","p50_ms","p99_ms","max_ms"}} (missing = accepted webhooks without a SENT email;
 * nearest-rank percentiles of sent_at − webhook send time; null without emails). Exit status 0
 * once measured (refused webhooks and missing emails included), 1 when an invoice could not be
 * created, a webhook got no HTTP answer at all or the database could not be read (the HTTP status
 * and body, or psql's error, are printed), 2 for bad usage.
 */
public class WebhookLatency {

    /** report-service's EnrolmentEmails.TEMPLATE; its rows' subject_id is the invoice id. */
    private static final String ENROLMENT_TEMPLATE = "enrolment";
    private static final Duration EMAIL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Refused webhooks printed in full; later ones are only counted. */
    private static final int REFUSALS_PRINTED = 5;

    private final String gateway;
    private final int count;
    private final double rate;
    /** Fresh per run: the students' ids and the correlation ids carry it. */
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private WebhookLatency(String gateway, int count, double rate) {
        this.gateway = gateway;
        this.count = count;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            usage();
        }
        int count = 0;
        double rate = 0;
        try {
            count = args.length > 1 ? Integer.parseInt(args[1]) : 50;
            rate = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        } catch (NumberFormatException notANumber) {
            usage();
        }
        if (count < 1 || !(rate > 0)) {
            usage();
        }
        WebhookLatency latency = new WebhookLatency(args[0].replaceFirst("/+$", ""), count, rate);
        SetupFailure.exitOnFailure("webhook-latency", latency::run);
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        // psql reaches the reports database, or the run stops before anything is paid
        sentEnrolmentEmails(started);
        DevTokens tokens = DevTokens.load();
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payments.add(createInvoice(tokens, "webhook-" + runId + "-s" + i));
        }
        log("run " + runId + ": " + count + " invoices created in " + Duration.between(started, Instant.now()).toMillis() + " ms");

        sendWebhooks(payments);
        List<Payment> accepted = payments.stream().filter(Payment::accepted).toList();
        reportRefusals(payments);
        log(accepted.size() + " of " + count + " webhooks accepted; waiting up to " + EMAIL_TIMEOUT.toSeconds()
                + " s for their enrolment emails");

        Map<String, Long> sentAtMicros = awaitEmails(started, accepted);
        long[] sortedMicros = accepted.stream()
                .filter(payment -> sentAtMicros.containsKey(payment.invoiceId))
                .mapToLong(payment -> sentAtMicros.get(payment.invoiceId) - payment.webhookSentMicros)
                .sorted()
                .toArray();
        log(sortedMicros.length + " of " + accepted.size() + " enrolment emails SENT");
        System.out.println("{\"payments\":" + count
                + ",\"accepted\":" + accepted.size()
                + ",\"emails\":" + sortedMicros.length
                + ",\"missing\":" + (accepted.size() - sortedMicros.length)
                + ",\"p50_ms\":" + percentileMillis(sortedMicros, 50)
                + ",\"p99_ms\":" + percentileMillis(sortedMicros, 99)
                + ",\"max_ms\":" + percentileMillis(sortedMicros, 100) + "}");
    }

    private Payment createInvoice(DevTokens tokens, String studentId) throws InterruptedException {
        HttpRequest request = PaymentWebhooks.invoiceRequest(gateway, tokens.mint(studentId, "student"), studentId + "-invoice");
        HttpResponse<String> response = SetupFailure.send(http, request);
        if (response.statusCode() != 201) {
            throw new SetupFailure("POST /api/payments/invoices as " + studentId + " answered HTTP " + response.statusCode()
                    + ": " + response.body() + (response.statusCode() == 404 ? " (no demo course: LEARNHUB_DEMO_DATA=true?)" : ""));
        }
        PaymentWebhooks.Invoice invoice = PaymentWebhooks.invoice(response.body());
        if (invoice == null) {
            throw new SetupFailure("no invoice id or amount in " + response.body());
        }
        return new Payment(invoice);
    }

    /** Sends every webhook at the asked rate, each without waiting for the answers of the others. */
    private void sendWebhooks(List<Payment> payments) throws InterruptedException {
        long intervalNanos = (long) (1e9 / rate);
        long started = System.nanoTime();
        for (int i = 0; i < payments.size(); i++) {
            long wait = started + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Payment payment = payments.get(i);
            HttpRequest request = PaymentWebhooks.webhookRequest(gateway, payment.invoice, "webhook-" + runId + "-" + i);
            payment.webhookSentMicros = epochMicros(Instant.now());
            payment.webhookAnswer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }
        try {
            CompletableFuture.allOf(payments.stream().map(payment -> payment.webhookAnswer).toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException unanswered) {
            throw new SetupFailure("a webhook got no answer: " + unanswered.getCause());
        }
    }

    private static void reportRefusals(List<Payment> payments) {
        List<HttpResponse<String>> refused = payments.stream()
                .filter(payment -> !payment.accepted())
                .map(payment -> payment.webhookAnswer.join())
                .toList();
        refused.stream().limit(REFUSALS_PRINTED)
                .forEach(response -> log("webhook refused: HTTP " + response.statusCode() + ": " + response.body()));
        if (refused.size() > REFUSALS_PRINTED) {
            log((refused.size() - REFUSALS_PRINTED) + " more webhooks refused");
        }
    }

    /** Polls the emails table until every accepted payment has its SENT email or the timeout passes; invoice id → sent_at. */
    private static Map<String, Long> awaitEmails(Instant runStarted, List<Payment> accepted) throws Exception {
        long deadline = System.nanoTime() + EMAIL_TIMEOUT.toNanos();
        Map<String, Long> sent = sentEnrolmentEmails(runStarted);
        while (!accepted.stream().allMatch(payment -> sent.containsKey(payment.invoiceId)) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            sent.putAll(sentEnrolmentEmails(runStarted));
        }
        return sent;
    }

    /**
     * Enrolment emails queued since {@code since} and SENT, as invoice id → sent_at in epoch
     * micros, read with psql (this program has no JDBC driver).
     */
    private static Map<String, Long> sentEnrolmentEmails(Instant since) throws IOException, InterruptedException {
        String query = "select subject_id, (extract(epoch from sent_at) * 1000000)::bigint from emails"
                + " where template = '" + ENROLMENT_TEMPLATE + "' and status = 'SENT'"
                + " and created_at >= to_timestamp(" + since.getEpochSecond() + ")";
        ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-A", "-t", "-F", " ", "-v", "ON_ERROR_STOP=1", "-c", query);
        psql.environment().putIfAbsent("PGHOST", "127.0.0.1");
        psql.environment().putIfAbsent("PGUSER", "postgres");
        psql.environment().putIfAbsent("PGDATABASE", "reports");
        psql.redirectErrorStream(true);
        Process process;
        try {
            process = psql.start();
        } catch (IOException notInstalled) {
            throw new SetupFailure("cannot run psql: " + notInstalled.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new SetupFailure("psql could not read the reports database's emails: " + output.strip());
        }
        Map<String, Long> sentAtMicros = new HashMap<>();
        output.lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] fields = line.split(" ");
            sentAtMicros.put(fields[0], Long.parseLong(fields[1]));
        });
        return sentAtMicros;
    }

    /** Nearest rank: the smallest latency with at least {@code percentile}% of them at or below it. */
    private static String percentileMillis(long[] sortedMicros, double percentile) {
        if (sortedMicros.length == 0) {
            return "null";
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedMicros.length);
        return String.format(Locale.ROOT, "%.2f", sortedMicros[Math.max(rank, 1) - 1] / 1e3);
    }

    private static long epochMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** An invoice to pay, and what became of its webhook. */
    private static final class Payment {
        final PaymentWebhooks.Invoice invoice;
        final String invoiceId;
        long webhookSentMicros;
        CompletableFuture<HttpResponse<String>> webhookAnswer;

        Payment(PaymentWebhooks.Invoice invoice) {
            this.invoice = invoice;
            this.invoiceId = invoice.id();
        }

        boolean accepted() {
            int status = webhookAnswer.join().statusCode();
            return status >= 200 && status < 300;
        }
    }

    private static void log(String line) {
        System.err.println("webhook-latency: " + line);
    }

    private static void usage() {
        System.err.println("usage: java -cp CLASSES WebhookLatency GATEWAY_URL [COUNT, default 50] [RATE per second, default 5]");
        System.exit(2);
    }
}
