package io.learnhub.chat.membership;

import java.util.UUID;

import io.learnhub.common.error.ApiException;

/** 403: only members of a room may read or post its messages. */
public class NotMemberException extends ApiException {

    public NotMemberException(UUID roomId) {
        super(403, "not_member", "The caller is not a member of room " + roomId);
    }
}
