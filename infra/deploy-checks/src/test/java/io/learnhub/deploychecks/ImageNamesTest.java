package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One image naming scheme everywhere: what Jib builds (group from common's config, name = the
 * module's artifactId, tag = the project version) is exactly what k8s/base and the compose file
 * run. Overlays may then rewrite registry and tag with kustomize {@code images:}.
 */
class ImageNamesTest {

    private static final Pattern PROJECT_VERSION = Pattern.compile("<artifactId>learnhub-parent</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern ARTIFACT_ID = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");

    @ParameterizedTest
    @ValueSource(strings = { "gateway", "chat-service", "payment-service", "report-service" })
    void kubernetesBaseAndComposeRunTheImageJibBuilds(String module) throws Exception {
        String image = jibImage(module);

        List<String> baseImages = K8sRenders.render("k8s/base").stream()
                .filter(object -> object.is("Deployment"))
                .flatMap(object -> object.containers().stream())
                .map(container -> String.valueOf(container.get("image")))
                .filter(candidate -> candidate.contains("/" + module + ":"))
                .toList();
        assertThat(baseImages).as("k8s/base Deployment image of " + module).containsExactly(image);

        Map<String, Object> compose = Yamls.loadMap(Repo.read("infra/docker-compose.yml"));
        String composeImage = Yamls.str(compose, "services", module, "image")
                .replace("${LEARNHUB_REGISTRY:-}", "")
                .replaceAll("\\$\\{LEARNHUB_TAG:-([^}]+)}", "$1");
        assertThat(composeImage).as("compose image of " + module + " (default registry and tag)").isEqualTo(image);
    }

    /** group/name:tag as quarkus-container-image-jib computes it for the module. */
    private static String jibImage(String module) throws Exception {
        String rootPom = Repo.read("pom.xml");
        String modulePom = Repo.read(module + "/pom.xml");
        Properties shared = new Properties();
        shared.load(new StringReader(Repo.read("common/src/main/resources/META-INF/microprofile-config.properties")));
        String group = shared.getProperty("quarkus.container-image.group");
        assertThat(group).as("quarkus.container-image.group in common's shared config").isNotBlank();
        assertThat(Repo.read(module + "/src/main/resources/application.properties"))
                .as(module + " must not override the image name, group or tag")
                .doesNotContain("quarkus.container-image.name", "quarkus.container-image.group", "quarkus.container-image.tag");
        assertThat(modulePom).as(module + " builds images with Jib").contains("<artifactId>quarkus-container-image-jib</artifactId>");
        return group + "/" + first(ARTIFACT_ID, modulePom) + ":" + first(PROJECT_VERSION, rootPom.replaceAll("(?s)<parent>.*?</parent>", ""));
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern.pattern()).isTrue();
        return matcher.group(1);
    }
}
