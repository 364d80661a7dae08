package io.learnhub.common.error;

/**
 * A failure the client can act on. Services throw subclasses with a fixed status and error code
 * (for example {@code NotMemberException} → 403 {@code not_member}); {@link ErrorMappers} turns
 * them into an {@link ErrorBody}.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    protected ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
