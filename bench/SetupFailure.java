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

    /** Sends a set-up request; an unreachable gateway is a SetupFailure. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException unreachable) {
            throw new SetupFailure(request.method() + " " + request.uri() + " failed: " + unreachable + " (is infra/local/up running?)");
        }
    }
}
