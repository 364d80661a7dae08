import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A load program could not start or finish measuring: the message says what answered what. */
final class SetupFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SetupFailure(String message) {
        super(message);
    }

    /** What a load program measures, from set-up to its output. */
    interface Measurement {
        void run() throws Exception;
    }

    /** Runs a load program's measurement; a SetupFailure is printed after PROGRAM's name and ends the program with status 1. */
    static void exitOnFailure(String program, Measurement measurement) throws Exception {
        try {
            measurement.run();
        } catch (SetupFailure failure) {
            System.err.println(program + ": setup failed: " + failure.getMessage());
            System.exit(1);
        }
    }

    /** Sends a set-up request; an unreachable gateway is a SetupFailure. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException unreachable) {
            throw new SetupFailure(request.method() + " " + request.uri() + " failed: " + unreachable + " (is infra/local/up running?)");
        }
    }
}
