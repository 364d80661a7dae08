package io.learnhub.common.error;

/** 404 for a resource that does not exist or that the caller may not know exists. */
public class NotFoundException extends ApiException {

    public NotFoundException(String what, Object id) {
        super(404, "not_found", what + " " + id + " does not exist");
    }
}
