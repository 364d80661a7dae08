package io.learnhub.common.mail;

/** PENDING until SMTP accepts it (SENT), or until its last attempt failed (FAILED, kept for an operator). */
public enum EmailStatus {
    PENDING,
    SENT,
    FAILED
}
