package io.learnhub.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools the checks rely on (kubectl, promtool). */
final class Commands {

    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private Commands() {
    }

    static Path requireTool(String path, String installHint) {
        Path tool = Path.of(path);
        if (!Files.isExecutable(tool)) {
            throw new AssertionError(path + " is missing: " + installHint);
        }
        return tool;
    }

    static Result run(Path workDir, String... command) {
        try {
            Path out = Files.createTempFile("deploy-checks", ".out");
            Path err = Files.createTempFile("deploy-checks", ".err");
            try {
                Process process = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out after 60 s: " + String.join(" ", command));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String KUBECTL = "/usr/bin/kubectl";

    /** `kubectl kustomize DIR` (kustomize v5, offline); fails with kubectl's stderr. */
    static String kustomize(Path dir) {
        requireTool(KUBECTL, "install the Kubernetes 1.32 client, e.g. `apt-get install -y kubectl` from "
                + "https://pkgs.k8s.io/core:/stable:/v1.32/deb/ (or download https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl "
                + "to /usr/bin/kubectl)");
        Result result = run(Repo.ROOT, KUBECTL, "kustomize", dir.toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + Repo.ROOT.relativize(dir) + " failed:\n" + result.stderr());
        }
        return result.stdout();
    }

    /**
     * k8s/overlays/dev/generate-jwt-keys: writes the dev overlay's key pair (ignored by git) unless
     * this checkout already has one.
     */
    static void generateDevJwtKeys() {
        Result result = run(Repo.ROOT, "bash", Repo.path("k8s/overlays/dev/generate-jwt-keys").toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("k8s/overlays/dev/generate-jwt-keys failed:\n" + result.describe());
        }
    }

    /** promtool from Debian's prometheus package (2.42), found on the PATH. */
    static String promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("promtool is not on the PATH: `apt-get install -y prometheus` "
                + "(infra/local/ensure-infra installs it)");
    }
}
