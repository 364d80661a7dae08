package io.learnhub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

import com.icegreen.greenmail.util.GreenMail;

import io.learnhub.kafka.KafkaBroker;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.RedisServer;
import io.learnhub.testing.RepositoryRoot;
import io.learnhub.testing.TraceTree;

/**
 * The whole suite, started once for all e2e test classes of the run: fresh databases, an
 * in-process Kafka broker, an OTLP/gRPC receiver, an SMTP server, an OpenID Connect issuer for
 * the web frontend's sign-in, and the four packaged services as child JVMs in the prod profile,
 * wired together with the environment variables of docs/contracts.md. Register it in each class with
 * {@code @RegisterExtension static final E2eStack STACK = new E2eStack();}: the first class starts
 * the stack, the others reuse it, and JUnit stops it after the last one.
 *
 * <p>It fails (never skips) when a jar is missing, prints the tail of every service log when a
 * test fails, and stops everything at the end of the run, or from a shutdown hook if the JVM is killed.
 *
 * <p>A test of a Kafka outage {@linkplain #stopKafka() stops} the broker and {@linkplain
 * #restartKafka() restarts} it (same address, same data); it must restart it however it ends, and
 * every class's setup restarts a broker left stopped, so no later class runs without Kafka. The
 * same holds for the stack's own Redis ({@link #killRedis()}, {@link #restartRedis()}), which the
 * gateway and every chat-service and report-service process share, and for report-service's
 * PostgreSQL cluster ({@link #stopReportDatabase()}, {@link #restartReportDatabase()}), a cluster
 * of the run's own so that stopping it touches no other service and no other run.
 */
public final class E2eStack implements BeforeAllCallback, TestWatcher, LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(E2eStack.class);

    public static final String GATEWAY = "gateway";
    public static final String CHAT = "chat-service";
    public static final String PAYMENT = "payment-service";
    public static final String REPORT = "report-service";
    public static final List<String> SERVICES = List.of(GATEWAY, CHAT, PAYMENT, REPORT);
    /**
     * A second chat-service process from the same jar, database, Redis and consumer group: the
     * gateway spreads WebSocket connections over both, and Redis fans messages out between them.
     */
    public static final String CHAT_REPLICA = "chat-service-2";
    /** Resource attribute {@code service.instance.id} telling the two chat-service processes apart in the spans. */
    public static final String SERVICE_INSTANCE_ID = "service.instance.id";
    /** The web frontend's client at the {@linkplain #oidcIssuer() issuer}. */
    public static final String WEB_CLIENT_ID = "learnhub-web";
    /** The trace UI the frontend links to; nothing answers there, the tests read the link only. */
    public static final String TRACE_UI_NAME = "Jaeger";
    public static final String TRACE_UI_URL = "http://jaeger.invalid/trace/{traceId}";

    /**
     * The e2e databases, dropped and created for every run so demo data and counters start fresh:
     * chat's and payment's on the machine's PostgreSQL, report's in a {@link PostgresCluster} of the run's own.
     */
    private static final Map<String, String> DATABASES = Map.of(CHAT, "chat_e2e", PAYMENT, "payments_e2e", REPORT, "reports_e2e");
    private static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    /** Generous for two cores shared with Maven and Kafka; a service alone starts in about 6 s. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    /** Services reconnect to a restarted broker within seconds; their consumers rejoin their groups. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    /** Kafka's session timeout (45 s) before a killed member's partitions are assigned again, and the rebalance. */
    private static final Duration GROUP_SETTLE_TIMEOUT = Duration.ofSeconds(90);

    /** The running stack, shared by every class through JUnit's root store. */
    private Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (running == null) {
            running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> Running.begin(),
                    Running.class);
        }
        if (!running.kafka.isRunning()) {
            System.out.println("[e2e] the Kafka broker was left stopped by an earlier class: restarting it for "
                    + context.getDisplayName());
            restartKafka();
        }
        for (String service : List.copyOf(running.killed)) {
            System.out.println("[e2e] " + service + " was left killed by an earlier class: restarting it for "
                    + context.getDisplayName());
            restartService(service);
        }
        if (!running.redis.isRunning()) {
            System.out.println("[e2e] Redis was left stopped by an earlier class: restarting it for " + context.getDisplayName());
            restartRedis();
        }
        if (!running.reportDatabase.isRunning()) {
            System.out.println("[e2e] report-service's PostgreSQL was left stopped by an earlier class: restarting it for "
                    + context.getDisplayName());
            restartReportDatabase();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        running.printLogTails(context.getDisplayName() + " failed");
    }

    /** A failing {@code @BeforeAll} (a scenario's setup through the gateway) deserves the logs too. */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (running != null) {
            running.printLogTails(context.getDisplayName() + " setup failed");
        }
        throw throwable;
    }

    public String gatewayUrl() {
        return serviceUrl(GATEWAY);
    }

    /** {@code ws://…/ws/chat} on the gateway. */
    public java.net.URI gatewayChatSocket() {
        return java.net.URI.create(gatewayUrl().replaceFirst("^http", "ws") + "/ws/chat");
    }

    /** The base URL of one service, for what only operators (and these tests) reach directly. */
    public String serviceUrl(String service) {
        return running.services.get(service).url();
    }

    /**
     * JDBC URL of a service's e2e database (user {@code postgres}, no password), for tests that
     * count rows to prove a request changed nothing, or that an effect happened once.
     */
    public String jdbcUrl(String service) {
        String database = DATABASES.get(service.equals(CHAT_REPLICA) ? CHAT : service);
        if (database == null) {
            throw new IllegalArgumentException(service + " has no database");
        }
        return service.equals(REPORT) ? running.reportDatabase.jdbcUrl(database) : "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    public Path repositoryRootPath() {
        return running.root;
    }

    public OtlpReceiver traces() {
        return running.receiver;
    }

    /** The issuer the gateway's web frontend signs in with ({@code WEB_SIGN_IN=oidc}). */
    public OidcIssuer oidcIssuer() {
        return running.issuer;
    }

    public String webhookSecret() {
        return running.webhookSecret;
    }

    public String kafkaBootstrapServers() {
        return running.kafka.bootstrapServers();
    }

    /**
     * Shuts the Kafka broker down, data kept: the services see connections refused on the address
     * they know. Pair with {@link #restartKafka()} in a {@code finally} or {@code @AfterAll}.
     */
    public void stopKafka() {
        running.kafka.stop();
        System.out.printf("[e2e] kafka %s stopped%n", running.kafka.bootstrapServers());
    }

    /**
     * Starts the broker again on the same address with the same topics, records and committed
     * offsets, then waits until every service is ready again ({@code /q/health/ready}, which
     * includes their Kafka channels). Does nothing but wait if the broker is running.
     */
    public void restartKafka() {
        Instant start = Instant.now();
        running.kafka.restart();
        Duration brokerUp = Duration.between(start, Instant.now());
        Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
        // a service killed on purpose is started by restartService, which waits for it
        running.services.forEach((service, process) -> {
            if (!running.killed.contains(service)) {
                process.awaitReady(deadline);
            }
        });
        System.out.printf("[e2e] kafka %s restarted in %d ms; all services ready again %d ms later%n",
                running.kafka.bootstrapServers(), brokerUp.toMillis(),
                Duration.between(start, Instant.now()).minus(brokerUp).toMillis());
    }

    /**
     * Kills one service process at once, as {@code kill -9} does: no graceful shutdown, sockets
     * dropped, work in flight lost. Pair with {@link #restartService} in a {@code finally} or
     * {@code @AfterAll}.
     */
    public void killService(String service) {
        ServiceProcess process = process(service);
        Instant start = Instant.now();
        running.killed.add(service);
        if (running.kafka.isRunning()) {
            consumerGroupOf(service).ifPresent(group -> running.groupMembersBeforeKill.put(group, consumerGroup(group).members().size()));
        }
        process.kill();
        System.out.printf("[e2e] %s killed (SIGKILL) in %d ms%n", service, Duration.between(start, Instant.now()).toMillis());
    }

    /**
     * Starts a killed service again on the same port with the same environment (its log goes on in
     * the same file) and waits until it is ready ({@code /q/health/ready}) and, for a chat-service
     * replica, until the gateway routes HTTP requests to it again (its circuit breaker for the
     * replica closed). A service still running is only awaited.
     */
    public void restartService(String service) {
        Instant start = Instant.now();
        ServiceProcess process = process(service);
        if (!process.isAlive()) {
            process = process.startAgain();
            running.services.put(service, process);
        }
        process.awaitReady(start.plus(STARTUP_TIMEOUT));
        running.killed.remove(service);
        Duration ready = Duration.between(start, Instant.now());
        if (service.equals(CHAT) || service.equals(CHAT_REPLICA)) {
            awaitGatewayBreakerClosed(process);
        }
        Duration routed = Duration.between(start, Instant.now());
        consumerGroupOf(service).ifPresent(this::awaitConsumerGroupSettled);
        System.out.printf("[e2e] %s restarted: ready in %d ms, routed to by the gateway %d ms later, its Kafka consumer group"
                + " settled %d ms after that%n", service, ready.toMillis(), routed.minus(ready).toMillis(),
                Duration.between(start, Instant.now()).minus(routed).toMillis());
    }

    /** The Kafka consumer group of a service's consumers: the service's name (both chat replicas share one). */
    private static Optional<String> consumerGroupOf(String service) {
        return service.equals(GATEWAY) ? Optional.empty() : Optional.of(service.equals(CHAT_REPLICA) ? CHAT : service);
    }

    /**
     * A killed consumer stays a member of its group, holding its partitions, until the broker's
     * session timeout (Kafka's default 45 s) drops it; only then are they assigned again, to the
     * restarted process or another replica. Waits until the group is stable with as many members
     * as before the kill, so that no later test's events wait on a dead member's partitions. (A
     * service killed while Kafka was down has no count to wait for: its test awaits its effects.)
     */
    private void awaitConsumerGroupSettled(String group) {
        Integer membersBefore = running.groupMembersBeforeKill.remove(group);
        if (membersBefore == null) {
            return;
        }
        Awaitility.await("consumer group " + group + " stable with " + membersBefore + " members").atMost(GROUP_SETTLE_TIMEOUT)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> consumerGroup(group), description -> description.groupState() == GroupState.STABLE
                        && description.members().size() == membersBefore);
    }

    /**
     * Waits until every consumer group of the suite has committed every record of every partition
     * it reads (committed offset = end offset): nothing is left to be delivered again, so counts
     * of effects read afterwards are final, not a moment before a redelivery.
     */
    public void awaitConsumersCaughtUp() {
        Instant start = Instant.now();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            Awaitility.await("every consumer group committed up to the end of its partitions").atMost(RECOVERY_TIMEOUT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> consumerGroupsLag(admin) == 0);
        }
        System.out.printf("[e2e] consumer groups caught up in %d ms%n", Duration.between(start, Instant.now()).toMillis());
    }

    private static long consumerGroupsLag(Admin admin) throws InterruptedException, ExecutionException {
        long lag = 0;
        for (String group : List.of(CHAT, PAYMENT, REPORT)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                long committedOffset = entry.getValue() == null ? 0 : entry.getValue().offset();
                lag += Math.max(0, ends.get(entry.getKey()).offset() - committedOffset);
            }
        }
        return lag;
    }

    private ConsumerGroupDescription consumerGroup(String group) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing consumer group " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe consumer group " + group, e);
        }
    }

    private ServiceProcess process(String service) {
        ServiceProcess process = running.services.get(service);
        if (process == null) {
            throw new IllegalArgumentException("No service " + service + "; one of " + running.services.keySet());
        }
        return process;
    }

    /**
     * The gateway's breaker for a replica that was down stays open until a call, after its delay,
     * tries the replica again: requests to chat-service are sent until the breaker has closed.
     */
    private void awaitGatewayBreakerClosed(ServiceProcess replica) {
        String gauge = "learnhub_gateway_upstream_circuit_open";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String breakerOfReplica = "replica=\"localhost:" + replica.port() + "\"";
        HttpRequest metrics = HttpRequest.newBuilder(java.net.URI.create(gatewayUrl() + "/q/metrics")).GET().build();
        HttpRequest trial = HttpRequest.newBuilder(java.net.URI.create(gatewayUrl() + "/api/chat/rooms"))
                .header("Authorization", "Bearer " + DevTokens.student("e2e-breaker-trial"))
                .GET().build();
        Awaitility.await("the gateway's circuit breaker for " + replica.name()).atMost(RECOVERY_TIMEOUT)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String exposition = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
                    if (exposition.lines().noneMatch(line -> line.startsWith(gauge + "{") && line.contains(breakerOfReplica))) {
                        throw new IllegalStateException("The gateway's /q/metrics has no " + gauge + " for " + breakerOfReplica);
                    }
                    if (PrometheusText.sum(exposition, gauge, breakerOfReplica) == 0) {
                        return true;
                    }
                    http.send(trial, HttpResponse.BodyHandlers.discarding());
                    return false;
                });
    }

    /**
     * Kills the stack's Redis (SIGKILL, nothing persisted): the gateway, both chat-service
     * processes and report-service lose their connections. Pair with {@link #restartRedis()} in a
     * {@code finally} or {@code @AfterAll}.
     */
    public void killRedis() {
        running.redis.kill();
        System.out.printf("[e2e] redis %s killed%n", running.redis.url());
    }

    /**
     * Starts Redis again, empty, on the same address, then waits until every service is ready
     * ({@code /q/health/ready}). Returns how long the services took after Redis answered.
     */
    public Duration restartRedis() {
        running.redis.restart();
        return awaitServicesReady();
    }

    /** A {@code redis-cli} command against the stack's Redis, e.g. {@code EXISTS key}; its output. */
    public String redisCli(String... command) {
        return running.redis.cli(command);
    }

    /**
     * Stops report-service's PostgreSQL cluster as a crash would (connections cut, no checkpoint);
     * its readiness fails meanwhile. Pair with {@link #restartReportDatabase()} in a {@code finally}
     * or {@code @AfterAll}.
     */
    public void stopReportDatabase() {
        running.reportDatabase.crash();
        System.out.printf("[e2e] report-service's PostgreSQL on port %d stopped%n", running.reportDatabase.port());
    }

    /**
     * Starts report-service's PostgreSQL again with its data, then waits until every service is
     * ready. Returns how long the services took after PostgreSQL accepted connections.
     */
    public Duration restartReportDatabase() {
        running.reportDatabase.start();
        return awaitServicesReady();
    }

    private Duration awaitServicesReady() {
        Instant start = Instant.now();
        Instant deadline = start.plus(RECOVERY_TIMEOUT);
        running.services.values().forEach(process -> process.awaitReady(deadline));
        return Duration.between(start, Instant.now());
    }

    /** The emails the SMTP server has received so far for {@code address}, in order of arrival. */
    public List<MimeMessage> emailsTo(String address) {
        return MailServer.receivedBy(address);
    }

    /** The processes of one run; closed by JUnit when the root context closes, after the last class. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {

        private final String webhookSecret = "e2e-" + UUID.randomUUID();
        private final Path root = RepositoryRoot.path();
        private final Path logDir = root.resolve("e2e/target/e2e-logs");
        private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
        /** Services {@linkplain #killService killed} and not {@linkplain #restartService restarted} yet. */
        private final Set<String> killed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Members of a killed service's consumer group before the kill, which its restart waits to see again. */
        private final Map<String, Integer> groupMembersBeforeKill = new java.util.concurrent.ConcurrentHashMap<>();
        private OtlpReceiver receiver;
        private OidcIssuer issuer;
        private KafkaBroker kafka;
        private RedisServer redis;
        private PostgresCluster reportDatabase;
        private GreenMail mail;
        private Thread shutdownHook;

        static Running begin() {
            Running running = new Running();
            running.shutdownHook = new Thread(running::stop, "e2e-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(running.shutdownHook);
            try {
                running.start();
            } catch (RuntimeException | Error e) {
                running.printLogTails("the stack did not start");
                running.stop();
                throw e;
            }
            return running;
        }

        @Override
        public void close() {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmAlreadyShuttingDown) {
                // the hook runs (or ran) anyway
            }
        }

        private void start() {
            Map<String, Path> jars = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String service : SERVICES) {
                Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                jars.put(service, jar);
                if (!Files.isRegularFile(jar)) {
                    missing.add(jar.toString());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Service jars missing: " + missing
                        + ". Run `mvn verify` (or `mvn package`) at the repository root: the e2e module tests the packaged services.");
            }
            jars.forEach((service, jar) -> System.out.printf("[e2e] %s: %s (built %s)%n", service, jar, modified(jar)));

            recreateDatabases();
            reportDatabase = PostgresCluster.start(DATABASES.get(REPORT));
            // empty at every start: no cache or rate limit bucket of another run or test can leak in
            redis = RedisServer.start();
            receiver = OtlpReceiver.start();
            kafka = KafkaBroker.start();
            // shared with the JVM, which stops it on exit; its messages are kept for the whole run
            mail = MailServer.shared();

            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(service -> ports.put(service, freePort()));
            ports.put(CHAT_REPLICA, freePort());
            // the browsers load the frontend from the gateway, and are sent back there after signing in
            String gatewayOrigin = ServiceProcess.url(ports.get(GATEWAY));
            issuer = OidcIssuer.start(WEB_CLIENT_ID, Set.of(gatewayOrigin + "/"));

            Map<String, String> shared = new LinkedHashMap<>();
            shared.put("JWT_ISSUER", DevTokens.ISSUER);
            shared.put("JWT_AUDIENCE", DevTokens.AUDIENCE);
            shared.put("JWT_PUBLIC_KEY_LOCATION", root.resolve("infra/local/jwt/publicKey.pem").toString());
            // exactly as k8s and compose export: OTLP over gRPC
            shared.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.endpoint());
            shared.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc");
            // export within a fraction of a second instead of the default 5 s
            shared.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
            // After payment-service was killed and restarted, an export's answer twice never reached
            // another service's exporter (its spans had arrived); the batch processor then holds the
            // next batch for its 30 s export timeout. Not understood yet; 5 s bounds the wait.
            shared.put("QUARKUS_OTEL_BSP_EXPORT_TIMEOUT", "5s");

            Map<String, Map<String, String>> env = new LinkedHashMap<>();
            for (String service : List.of(CHAT, PAYMENT, REPORT)) {
                Map<String, String> backend = new LinkedHashMap<>(shared);
                backend.put("DB_HOST", "127.0.0.1");
                backend.put("DB_PORT", service.equals(REPORT) ? Integer.toString(reportDatabase.port()) : "5432");
                backend.put("DB_NAME", DATABASES.get(service));
                backend.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
                backend.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
                env.put(service, backend);
            }
            // payment-service uses no Redis; the gateway's rate limit buckets are there too (below)
            for (String service : List.of(CHAT, REPORT)) {
                env.get(service).put("QUARKUS_REDIS_HOSTS", redis.url());
            }
            // the demo course, its room and teacher 1001 (docs/contracts.md, "Demo data")
            env.get(CHAT).put("LEARNHUB_DEMO_DATA", "true");
            env.get(PAYMENT).put("LEARNHUB_DEMO_DATA", "true");
            env.get(PAYMENT).put("PAYMENT_WEBHOOK_SECRET", webhookSecret);
            // the payment confirmation, enrolment and weekly report emails cross real SMTP
            for (String service : List.of(PAYMENT, REPORT)) {
                env.get(service).put("QUARKUS_MAILER_HOST", "127.0.0.1");
                env.get(service).put("QUARKUS_MAILER_PORT", Integer.toString(mail.getSmtp().getPort()));
            }
            env.put(CHAT_REPLICA, new LinkedHashMap<>(env.get(CHAT)));
            for (String chat : List.of(CHAT, CHAT_REPLICA)) {
                env.get(chat).put("QUARKUS_OTEL_RESOURCE_ATTRIBUTES", SERVICE_INSTANCE_ID + "=" + chat);
            }
            Map<String, String> gateway = new LinkedHashMap<>(shared);
            gateway.put("QUARKUS_REDIS_HOSTS", redis.url());
            gateway.put("GATEWAY_UPSTREAM_CHAT", "http://localhost:" + ports.get(CHAT) + ",http://localhost:" + ports.get(CHAT_REPLICA));
            gateway.put("GATEWAY_UPSTREAM_PAYMENTS", "http://localhost:" + ports.get(PAYMENT));
            gateway.put("GATEWAY_UPSTREAM_REPORTS", "http://localhost:" + ports.get(REPORT));
            // the web frontend as production serves it: sign-in at an OpenID Connect issuer, a trace UI
            // to link to, and its own origin trusted to ask for its traces to be sampled
            gateway.put("WEB_SIGN_IN", "oidc");
            gateway.put("WEB_OIDC_ISSUER", issuer.url());
            gateway.put("WEB_OIDC_CLIENT_ID", WEB_CLIENT_ID);
            gateway.put("WEB_TRACE_UI_NAME", TRACE_UI_NAME);
            gateway.put("WEB_TRACE_UI_URL", TRACE_UI_URL);
            gateway.put("GATEWAY_TRUSTED_TRACE_ORIGINS", gatewayOrigin);
            env.put(GATEWAY, gateway);

            // all four boot at once; readiness is awaited against one deadline
            for (String service : List.of(CHAT, CHAT_REPLICA, PAYMENT, REPORT, GATEWAY)) {
                Path jar = jars.get(service.equals(CHAT_REPLICA) ? CHAT : service);
                services.put(service, ServiceProcess.start(service, jar, ports.get(service), env.get(service), logDir));
            }
            Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
            services.values().forEach(process -> process.awaitReady(deadline));
            System.out.printf("[e2e] stack ready: gateway %s, kafka %s, redis %s, report-service's postgresql 127.0.0.1:%d,"
                    + " otlp %s, smtp 127.0.0.1:%d, oidc %s, logs %s%n", services.get(GATEWAY).url(), kafka.bootstrapServers(),
                    redis.url(), reportDatabase.port(), receiver.endpoint(), mail.getSmtp().getPort(), issuer.url(), logDir);
        }

        private synchronized void stop() {
            List<RuntimeException> failures = new ArrayList<>();
            // gateway first, so no new work reaches the others while they stop
            List<ServiceProcess> reverse = new ArrayList<>(services.values());
            Collections.reverse(reverse);
            for (ServiceProcess process : reverse) {
                try {
                    process.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            services.clear();
            if (kafka != null) {
                try {
                    kafka.close();
                } catch (Exception e) {
                    failures.add(new IllegalStateException("Cannot stop Kafka", e));
                }
                kafka = null;
            }
            if (redis != null) {
                redis.close();
                redis = null;
            }
            if (reportDatabase != null) {
                try {
                    reportDatabase.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                reportDatabase = null;
            }
            if (receiver != null) {
                receiver.close();
                receiver = null;
            }
            if (issuer != null) {
                issuer.close();
                issuer = null;
            }
            failures.forEach(failure -> System.err.println("[e2e] while stopping the stack: " + failure));
        }

        private void printLogTails(String why) {
            StringBuilder text = new StringBuilder("[e2e] ").append(why).append("; last lines of each service log:");
            services.values().forEach(process -> text.append("\n----- ").append(process.name()).append(" (")
                    .append(process.log()).append(") -----\n").append(process.tail(60)));
            if (receiver != null) {
                Map<String, Long> spansByService = new TreeMap<>();
                receiver.spans().forEach(span -> spansByService.merge(String.valueOf(TraceTree.serviceName(span)), 1L, Long::sum));
                text.append("\n----- OTLP receiver: spans by service.name ").append(spansByService)
                        .append(", rejected export requests ").append(receiver.rejectedRequests());
            }
            System.out.println(text);
        }

        private static void recreateDatabases() {
            try (Connection connection = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "");
                    Statement statement = connection.createStatement()) {
                for (String database : List.of(DATABASES.get(CHAT), DATABASES.get(PAYMENT))) {
                    // FORCE: a service killed in a previous run may still hold a connection
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                    statement.execute("CREATE DATABASE " + database);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot recreate the e2e databases on " + POSTGRES_ADMIN_URL
                        + " (is PostgreSQL running? `pg_ctlcluster 15 main start`)", e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String modified(Path file) {
            try {
                return DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC)
                        .format(Files.getLastModifiedTime(file).toInstant()) + "Z";
            } catch (IOException e) {
                return "?";
            }
        }
    }
}
