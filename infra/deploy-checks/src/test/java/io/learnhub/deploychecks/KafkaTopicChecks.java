package io.learnhub.deploychecks;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka topics the code names, compared with the KafkaTopic resources of a render (the brokers
 * run with {@code auto.create.topics.enable: false}, so a topic without one does not exist). The
 * code's topics are the public constants of {@code io.learnhub.common.event.Topics} and the topics
 * the services' channels bind to in their application.properties, dead-letter topics included. The
 * sources are read as text: this module does not depend on common, which would bring Quarkus in.
 *
 * @param constants constant name → topic, from Topics.java
 * @param deadLetterSuffix what {@code Topics.deadLetter} appends to a topic's name
 * @param serviceConfigs service → its application.properties
 */
record KafkaTopicChecks(Map<String, String> constants, String deadLetterSuffix, Map<String, Properties> serviceConfigs) {

    static final String TOPICS_SOURCE = "common/src/main/java/io/learnhub/common/event/Topics.java";
    static final List<String> SERVICES = List.of("gateway", "chat-service", "payment-service", "report-service");

    private static final Pattern PUBLIC_CONSTANT = Pattern.compile(
            "public\\s+static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]+)\"\\s*;");
    private static final Pattern DEAD_LETTER_SUFFIX = Pattern.compile("DEAD_LETTER_SUFFIX\\s*=\\s*\"([^\"]+)\"");
    /** Profile-free keys only: a %test topic is never deployed. */
    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    static KafkaTopicChecks ofRepo() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String service : SERVICES) {
            sources.put(service, Repo.read(service + "/src/main/resources/application.properties"));
        }
        return of(Repo.read(TOPICS_SOURCE), sources);
    }

    static KafkaTopicChecks of(String topicsSource, Map<String, String> applicationProperties) {
        Map<String, String> constants = new TreeMap<>();
        Matcher constant = PUBLIC_CONSTANT.matcher(topicsSource);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        if (constants.isEmpty()) {
            throw new IllegalStateException("no public String constant found in " + TOPICS_SOURCE);
        }
        Matcher suffix = DEAD_LETTER_SUFFIX.matcher(topicsSource);
        if (!suffix.find()) {
            throw new IllegalStateException("no DEAD_LETTER_SUFFIX found in " + TOPICS_SOURCE);
        }
        Map<String, Properties> configs = new LinkedHashMap<>();
        applicationProperties.forEach((service, text) -> {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            configs.put(service, properties);
        });
        return new KafkaTopicChecks(constants, suffix.group(1), configs);
    }

    /** Every topic the code names, with where it is named ("Topics.X", "chat-service channel room-created-in"). */
    Map<String, Set<String>> codeTopics() {
        Map<String, Set<String>> topics = new TreeMap<>();
        constants.forEach((name, topic) -> topics.computeIfAbsent(topic, t -> new TreeSet<>()).add("Topics." + name));
        serviceConfigs.forEach((service, properties) -> {
            for (String key : properties.stringPropertyNames()) {
                Matcher channel = CHANNEL_KEY.matcher(key);
                if (!channel.matches() || !List.of("topic", "dead-letter-queue.topic").contains(channel.group(3))) {
                    continue;
                }
                String topic = properties.getProperty(key).strip();
                if (!topic.contains("${")) {
                    topics.computeIfAbsent(topic, t -> new TreeSet<>()).add(service + " " + key);
                }
            }
        });
        return topics;
    }

    /** The topic names the KafkaTopic resources of a render declare ({@code spec.topicName}, else the resource's name). */
    static Set<String> declared(List<K8sObject> objects) {
        Set<String> names = new TreeSet<>();
        for (K8sObject object : objects) {
            if ("kafka.strimzi.io".equals(object.group()) && object.is("KafkaTopic")) {
                String topicName = Yamls.str(object.raw(), "spec", "topicName");
                names.add(topicName != null ? topicName : object.name());
            }
        }
        return names;
    }

    /** A topic the code names but no KafkaTopic declares: producing to it or consuming from it fails. */
    List<String> undeclaredProblems(List<K8sObject> objects) {
        Set<String> declared = declared(objects);
        List<String> problems = new ArrayList<>();
        codeTopics().forEach((topic, where) -> {
            if (!declared.contains(topic)) {
                problems.add("topic " + topic + " (" + String.join(", ", where) + ") has no KafkaTopic");
            }
        });
        return problems;
    }

    /** A KafkaTopic that is neither a topic of Topics nor the dead-letter topic of one: a leftover or a typo. */
    List<String> strayProblems(List<K8sObject> objects) {
        Set<String> known = new TreeSet<>();
        for (String topic : constants.values()) {
            known.add(topic);
            known.add(topic + deadLetterSuffix);
        }
        List<String> problems = new ArrayList<>();
        for (String topic : declared(objects)) {
            if (!known.contains(topic)) {
                problems.add("KafkaTopic " + topic + " is neither a topic of Topics nor <topic>" + deadLetterSuffix + " of one");
            }
        }
        return problems;
    }

    /**
     * Every incoming channel dead-letters to {@code <its topic><suffix>} (docs/architecture.md), named
     * explicitly: without dead-letter-queue.topic SmallRye writes to dead-letter-topic-<channel>.
     */
    List<String> deadLetterProblems() {
        List<String> problems = new ArrayList<>();
        serviceConfigs.forEach((service, properties) -> {
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                Matcher channel = CHANNEL_KEY.matcher(key);
                if (!channel.matches() || !channel.group(1).equals("incoming") || !channel.group(3).equals("topic")) {
                    continue;
                }
                String prefix = "mp.messaging.incoming." + channel.group(2) + ".";
                String expected = properties.getProperty(key).strip() + deadLetterSuffix;
                String strategy = properties.getProperty(prefix + "failure-strategy");
                String deadLetter = properties.getProperty(prefix + "dead-letter-queue.topic");
                if (!"dead-letter-queue".equals(strategy)) {
                    problems.add(service + " channel " + channel.group(2) + ": failure-strategy is " + strategy
                            + ", not dead-letter-queue");
                } else if (!expected.equals(deadLetter == null ? null : deadLetter.strip())) {
                    problems.add(service + " channel " + channel.group(2) + ": dead-letter-queue.topic is " + deadLetter
                            + ", expected " + expected);
                }
            }
        });
        return problems;
    }
}
