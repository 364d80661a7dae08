import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of every consumer group of a Kafka cluster, sampled until stopped: for each group
 * and topic, the sum over its partitions of the end offset minus the group's committed offset. A
 * partition assigned to the group with no commit yet counts from its earliest offset (the services
 * start at earliest). The services commit what they processed every few seconds (SmallRye's
 * throttled commits), so a lag of a few records between commits is normal.
 *
 * <pre>
 *   javac -cp KAFKA_CLIENTS -d CLASSES bench/kafka/KafkaLag.java       (bench/soak does this, with the
 *   java -cp KAFKA_CLIENTS:CLASSES KafkaLag BOOTSTRAP INTERVAL_SECONDS OUT.jsonl    kafka-broker module's classpath)
 * </pre>
 *
 * <p>Output: OUT.jsonl gets one line per group and topic per sample,
 * {@code {"t_ms","group","topic","lag","partitions"}} (t_ms: epoch millis); a sample the cluster did
 * not answer is a line {@code {"t_ms","error"}}. Runs until killed.
 */
public class KafkaLag {

    private static final long ANSWER_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -cp KAFKA_CLIENTS:CLASSES KafkaLag BOOTSTRAP INTERVAL_SECONDS OUT.jsonl");
            System.exit(2);
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-kafka-lag");
        long intervalMillis = TimeUnit.SECONDS.toMillis(Long.parseLong(args[1]));
        Path out = Path.of(args[2]);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                long started = System.currentTimeMillis();
                String lines;
                try {
                    lines = sample(admin, started);
                } catch (ExecutionException | TimeoutException unanswered) {
                    lines = String.format(Locale.ROOT, "{\"t_ms\":%d,\"error\":\"%s\"}%n", started, unanswered.toString().replace('"', '\''));
                }
                append(out, lines);
                Thread.sleep(Math.max(0, started + intervalMillis - System.currentTimeMillis()));
            }
        }
    }

    private static String sample(Admin admin, long now) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(ANSWER_SECONDS, TimeUnit.SECONDS).stream()
                .map(GroupListing::groupId)
                .collect(Collectors.toCollection(HashSet::new));
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(groups).all().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        Map<String, Map<TopicPartition, Long>> committedByGroup = new TreeMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String group : groups) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (MemberDescription member : descriptions.get(group).members()) {
                member.assignment().topicPartitions().forEach(partition -> committed.put(partition, null));
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(ANSWER_SECONDS, TimeUnit.SECONDS);
            offsets.forEach((partition, offset) -> committed.put(partition, offset == null ? null : offset.offset()));
            committedByGroup.put(group, committed);
            partitions.addAll(committed.keySet());
        }
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());

        StringBuilder lines = new StringBuilder();
        committedByGroup.forEach((group, committed) -> {
            Map<String, long[]> byTopic = new TreeMap<>();
            committed.forEach((partition, offset) -> {
                long[] lagAndPartitions = byTopic.computeIfAbsent(partition.topic(), topic -> new long[2]);
                lagAndPartitions[0] += Math.max(0, ends.get(partition) - (offset == null ? starts.get(partition) : offset));
                lagAndPartitions[1]++;
            });
            byTopic.forEach((topic, lagAndPartitions) -> lines.append(String.format(Locale.ROOT,
                    "{\"t_ms\":%d,\"group\":\"%s\",\"topic\":\"%s\",\"lag\":%d,\"partitions\":%d}%n",
                    now, group, topic, lagAndPartitions[0], lagAndPartitions[1])));
        });
        return lines.toString();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, ListOffsetsResultInfo> answers = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> spec))).all().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static void append(Path out, String lines) throws IOException {
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            writer.print(lines);
        }
    }
}
