package io.learnhub.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of the LearnHub repository, found from the working directory of the test JVM: Maven
 * runs each module's tests in the module directory, an IDE may run them from the root.
 */
public final class RepositoryRoot {

    /** A file only the repository root has. */
    private static final String MARKER = "docs/architecture.md";

    private RepositoryRoot() {
    }

    public static Path path() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve(MARKER)) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No LearnHub repository (a directory with " + MARKER + ") above " + start);
    }

    public static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
