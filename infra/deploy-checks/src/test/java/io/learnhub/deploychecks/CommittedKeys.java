package io.learnhub.deploychecks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Key material committed to the repository (the dev JWT key pair of infra/local/jwt/, whose private
 * half anyone can read): a rendered object that carries it would make a cluster trust tokens
 * anybody can mint. Found however it is embedded: as text, or base64-encoded in a Secret's data.
 */
final class CommittedKeys {

    static final List<String> FILES = List.of("infra/local/jwt/publicKey.pem", "infra/local/jwt/privateKey.pem");

    private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]+-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]{64,}");

    private CommittedKeys() {
    }

    /** The committed key files by path, each as the base64 body of its PEM. */
    static Map<String, String> ofRepo() {
        Map<String, String> bodies = new LinkedHashMap<>();
        FILES.forEach(file -> bodies.put(file, pemBody(Repo.read(file))));
        return bodies;
    }

    /** One problem per object and committed key it carries. */
    static List<String> problems(List<K8sObject> objects, Map<String, String> committed) {
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            List<String> texts = new ArrayList<>();
            eachString(object.raw(), text -> {
                texts.add(WHITESPACE.matcher(text).replaceAll(""));
                if (BASE64.matcher(text).matches()) {
                    texts.add(WHITESPACE.matcher(decoded(text)).replaceAll(""));
                }
            });
            committed.forEach((file, body) -> {
                if (texts.stream().anyMatch(text -> text.contains(body))) {
                    problems.add(object.ref() + " carries the committed key " + file);
                }
            });
        }
        return problems;
    }

    static String pemBody(String pem) {
        return WHITESPACE.matcher(PEM_ARMOUR.matcher(pem).replaceAll("")).replaceAll("");
    }

    private static String decoded(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void eachString(Object node, Consumer<String> action) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> eachString(value, action));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> eachString(item, action));
        } else if (node != null) {
            action.accept(String.valueOf(node));
        }
    }
}
