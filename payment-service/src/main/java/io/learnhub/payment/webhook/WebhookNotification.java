package io.learnhub.payment.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields this service reads from a YooKassa-style notification; everything else is ignored.
 * A payment event's object is the payment (its invoice in {@code metadata.invoice_id}); a refund
 * event's object is the refund, naming the refunded payment in {@code payment_id}. Validated only
 * for the events it acts on, with the constraints of that kind of object.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookNotification(
        @NotBlank String event,
        @NotNull @Valid NotificationObject object) {

    /** The provider whose notifications these are, as span attribute webhook.source shows it. */
    public static final String SOURCE = "yookassa";

    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_CANCELED = "payment.canceled";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** Validation group of the payment events' constraints. */
    public interface PaymentEvent {
    }

    /** Validation group of the refund events' constraints. */
    public interface RefundEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NotificationObject(
            @NotBlank @Size(max = 64) String id,
            @Size(max = 32) String status,
            @NotNull @Valid Amount amount,
            @NotNull(groups = PaymentEvent.class) @Valid Metadata metadata,
            @NotBlank(groups = RefundEvent.class) @Size(max = 64) @JsonProperty("payment_id") String paymentId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Amount(
            @NotNull @Pattern(regexp = "\\d{1,10}(\\.\\d{1,2})?", message = "must be a decimal such as 49.00") String value,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB") String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(
            @NotNull(groups = PaymentEvent.class) @Pattern(regexp = UUID_PATTERN, message = "must be an invoice UUID") @JsonProperty("invoice_id") String invoiceId) {
    }

    /** The validation group of this notification's event; null for an event this service ignores. */
    public Class<?> validationGroup() {
        return switch (event == null ? "" : event) {
            case PAYMENT_SUCCEEDED, PAYMENT_CANCELED -> PaymentEvent.class;
            case REFUND_SUCCEEDED -> RefundEvent.class;
            default -> null;
        };
    }
}
