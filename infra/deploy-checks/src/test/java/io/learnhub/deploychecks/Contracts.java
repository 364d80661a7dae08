package io.learnhub.deploychecks;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables docs/contracts.md defines (first column of its Configuration table). */
final class Contracts {

    private static final Pattern BACKTICKED = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    private Contracts() {
    }

    static Set<String> envVars() {
        return envVars(Repo.read("docs/contracts.md"));
    }

    static Set<String> envVars(String markdown) {
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("## ")) {
                inSection = line.toLowerCase().contains("environment variables");
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 2) {
                continue;
            }
            Matcher m = BACKTICKED.matcher(cells[1]);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no env var table found under a '## ... environment variables' heading");
        }
        return names;
    }
}
