package io.learnhub.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.gateway.support.TraceContextHarness;
import io.learnhub.gateway.support.TraceContextHarness.Outcome;
import io.learnhub.gateway.support.TraceContextHarness.Traceparent;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * W3C Trace Context (level 1, and level 2's traceresponse) at the gateway, case by case as the
 * W3C validation service's harness (test/test.py) checks them, through the test-profile endpoint
 * that calls back as the proxy forwards. The gateway's %test sampling keeps every request (ratio
 * 1.0); TraceContextSamplingTest covers the sampled flag under the door's rules. The table in
 * docs/trace-context.md maps each spec case to its test here.
 */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class TraceContextConformanceTest {

    static final String TRACE_ID = "12345678901234567890123456789012";
    static final String PARENT_ID = "1234567890123456";
    private static final String VALID = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
    private static final String VALID_UNSAMPLED = "00-" + TRACE_ID + "-" + PARENT_ID + "-00";

    @InjectRecordingUpstream
    RecordingUpstream receiver;

    @Inject
    InMemorySpanExporter spans;

    private TraceContextHarness harness;

    @BeforeEach
    void harness() {
        harness = new TraceContextHarness(receiver);
    }

    // ---------------------------------------------------------------- traceparent

    @Test
    void withoutTraceparentANewTraceStarts() {
        Outcome outcome = harness.send();

        Traceparent sent = outcome.traceparent();
        assertThat(sent.version()).isEqualTo("00");
        assertThat(sent.traceId()).isEqualTo(outcome.traceResponse().traceId());
    }

    @Test
    void validTraceparentIsContinuedWithANewParentId() {
        Traceparent sent = harness.send("traceparent", VALID).traceparent();

        assertThat(sent.version()).isEqualTo("00");
        assertThat(sent.traceId()).isEqualTo(TRACE_ID);
        assertThat(sent.parentId()).isNotEqualTo(PARENT_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = { "TraceParent", "TrAcEpArEnT", "TRACEPARENT" })
    void traceparentHeaderNameIsCaseInsensitive(String name) {
        assertThat(harness.send(name, VALID).traceparent().traceId()).isEqualTo(TRACE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = { "trace-parent", "trace.parent" })
    void traceparentUnderAnotherNameIsIgnored(String name) {
        assertThat(harness.send(name, VALID).traceparent().traceId()).isNotEqualTo(TRACE_ID);
    }

    @Test
    void duplicatedTraceparentRestartsTheTrace() {
        String first = "00-12345678901234567890123456789011-1234567890123456-01";

        Traceparent sent = harness.send("traceparent", first, "traceparent", VALID).traceparent();

        assertThat(sent.isNoneOf("12345678901234567890123456789011", TRACE_ID)).as(sent.traceId()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { VALID + ".", VALID + "-what-the-future-will-be-like" })
    void version00WithTrailingDataIsInvalid(String traceparent) {
        assertThat(harness.send("traceparent", traceparent).traceparent().traceId()).isNotEqualTo(TRACE_ID);
    }

    @Test
    void versionFfIsInvalid() {
        String traceparent = "ff-" + TRACE_ID + "-" + PARENT_ID + "-01";

        assertThat(harness.send("traceparent", traceparent).traceparent().traceId()).isNotEqualTo(TRACE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = { "cc-" + TRACE_ID + "-" + PARENT_ID + "-01",
            "cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-will-be-like" })
    void futureVersionIsParsedByItsFirstFourFieldsAndSentAs00(String traceparent) {
        Traceparent sent = harness.send("traceparent", traceparent).traceparent();

        assertThat(sent.version()).isEqualTo("00");
        assertThat(sent.traceId()).isEqualTo(TRACE_ID);
        assertThat(sent.parentId()).isNotEqualTo(PARENT_ID);
    }

    @Test
    void futureVersionWhoseFlagsAreNotFollowedByADashIsInvalid() {
        String traceparent = "cc-" + TRACE_ID + "-" + PARENT_ID + "-01.what-the-future-will-be-like";

        assertThat(harness.send("traceparent", traceparent).traceparent().traceId()).isNotEqualTo(TRACE_ID);
    }

    /** Each breaks one rule of version-format; the trace restarts and the tracestate beside it is dropped. */
    @ParameterizedTest
    @ValueSource(strings = {
            // version: illegal characters, too long, too short, upper case
            ".0-12345678901234567890123456789012-1234567890123456-01",
            "0.-12345678901234567890123456789012-1234567890123456-01",
            "000-12345678901234567890123456789012-1234567890123456-01",
            "0000-12345678901234567890123456789012-1234567890123456-01",
            "0-12345678901234567890123456789012-1234567890123456-01",
            "CC-12345678901234567890123456789012-1234567890123456-01",
            // trace-id: all zero, illegal characters, too long, too short, upper case
            "00-00000000000000000000000000000000-1234567890123456-01",
            "00-.2345678901234567890123456789012-1234567890123456-01",
            "00-1234567890123456789012345678901.-1234567890123456-01",
            "00-123456789012345678901234567890123-1234567890123456-01",
            "00-1234567890123456789012345678901-1234567890123456-01",
            "00-1234567890ABCDEF1234567890123456-1234567890123456-01",
            // parent-id: all zero, illegal characters, too long, too short, upper case
            "00-12345678901234567890123456789012-0000000000000000-01",
            "00-12345678901234567890123456789012-.234567890123456-01",
            "00-12345678901234567890123456789012-123456789012345.-01",
            "00-12345678901234567890123456789012-12345678901234567-01",
            "00-12345678901234567890123456789012-123456789012345-01",
            "00-12345678901234567890123456789012-1234567890ABCDEF-01",
            // trace-flags: illegal characters, too long, too short, upper case
            "00-12345678901234567890123456789012-1234567890123456-.0",
            "00-12345678901234567890123456789012-1234567890123456-0.",
            "00-12345678901234567890123456789012-1234567890123456-001",
            "00-12345678901234567890123456789012-1234567890123456-1",
            "00-12345678901234567890123456789012-1234567890123456-0A" })
    void malformedTraceparentRestartsTheTraceAndDropsTracestate(String traceparent) {
        Outcome outcome = harness.send("traceparent", traceparent, "tracestate", "foo=1");

        Traceparent sent = outcome.traceparent();
        assertThat(sent.isNoneOf(TRACE_ID, "00000000000000000000000000000000", "23456789012345678901234567890123",
                "1234567890abcdef1234567890123456")).as(sent.traceId()).isTrue();
        assertThat(sent.parentId()).isNotEqualTo(PARENT_ID);
        assertThat(outcome.tracestate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { " " + VALID, "\t" + VALID, VALID + " ", VALID + "\t", "\t " + VALID + " \t" })
    void whitespaceAroundTraceparentIsIgnored(String traceparent) {
        assertThat(harness.send("traceparent", traceparent).traceparent().traceId()).isEqualTo(TRACE_ID);
    }

    // ---------------------------------------------------------------- trace-flags

    /** Our contract (docs/architecture.md, Sampling): a caller can raise sampling, never lower it. */
    @Test
    void unsampledCallerCannotLowerTheGatewaysDecision() {
        Outcome outcome = harness.send("traceparent", VALID_UNSAMPLED);

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.traceparent().flags()).as("kept by the %test ratio of 1.0").isEqualTo("01");
        assertThat(outcome.traceResponse().flags()).isEqualTo("01");
    }

    /** Other flags are reserved: vendors MUST set them to zero. */
    @ParameterizedTest
    @ValueSource(strings = { "ff", "fe", "09", "02" })
    void unknownFlagBitsAreNotPropagated(String flags) {
        Outcome outcome = harness.send("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-" + flags);

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.traceparent().flags()).isEqualTo("01");
        assertThat(outcome.traceResponse().flags()).isEqualTo("01");
    }

    // ---------------------------------------------------------------- tracestate

    @Test
    void tracestateIsPassedOnUnchangedWithAValidTraceparent() {
        assertThat(harness.send("traceparent", VALID, "tracestate", "foo=1,bar=2").tracestate()).isEqualTo("foo=1,bar=2");
    }

    @ParameterizedTest
    @ValueSource(strings = { "TraceState", "TrAcEsTaTe", "TRACESTATE" })
    void tracestateHeaderNameIsCaseInsensitive(String name) {
        assertThat(harness.send("traceparent", VALID, name, "foo=1").tracestate()).isEqualTo("foo=1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "trace-state", "trace.state" })
    void tracestateUnderAnotherNameIsIgnored(String name) {
        assertThat(harness.send("traceparent", VALID, name, "foo=1").tracestate()).isNull();
    }

    @Test
    void tracestateWithoutTraceparentIsDropped() {
        Outcome outcome = harness.send("tracestate", "foo=1,bar=2");

        assertThat(outcome.traceparent().traceId()).isEqualTo(outcome.traceResponse().traceId());
        assertThat(outcome.tracestate()).isNull();
    }

    @Test
    void multipleTracestateHeadersAreCombinedInOrder() {
        Outcome outcome = harness.send("traceparent", VALID,
                "tracestate", "foo=1,bar=2", "tracestate", "rojo=1,congo=2", "tracestate", "baz=3");

        assertThat(outcome.tracestate()).isEqualTo("foo=1,bar=2,rojo=1,congo=2,baz=3");
    }

    @Test
    void emptyTracestateIsAccepted() {
        Outcome outcome = harness.send("traceparent", VALID, "tracestate", "");

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.tracestate()).as("no empty tracestate is sent").isNull();
    }

    @Test
    void emptyTracestateHeaderAfterAnotherIsIgnored() {
        assertThat(harness.send("traceparent", VALID, "tracestate", "foo=1", "tracestate", "").tracestate()).isEqualTo("foo=1");
    }

    @Test
    void emptyTracestateHeaderBeforeAnotherIsIgnored() {
        assertThat(harness.send("traceparent", VALID, "tracestate", "", "tracestate", "foo=1").tracestate()).isEqualTo("foo=1");
    }

    @Test
    void emptyListMembersAreIgnored() {
        assertThat(harness.send("traceparent", VALID, "tracestate", "foo=1,,bar=2, ,").tracestate()).isEqualTo("foo=1,bar=2");
    }

    @ParameterizedTest
    @ValueSource(strings = { "foo=1 \t , \t bar=2, \t baz=3", "foo=1\t \t,\t \tbar=2,\t \tbaz=3" })
    void whitespaceAroundListMembersIsIgnored(String tracestate) {
        assertThat(harness.send("traceparent", VALID, "tracestate", tracestate).tracestate()).isEqualTo("foo=1,bar=2,baz=3");
    }

    @ParameterizedTest
    @ValueSource(strings = { " foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t" })
    void whitespaceAroundTracestateIsIgnored(String tracestate) {
        assertThat(harness.send("traceparent", VALID, "tracestate", tracestate).tracestate()).isEqualTo("foo=1");
    }

    @Test
    void everyAllowedCharacterIsKept() {
        String key = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
        String value = IntStream.rangeClosed(0x20, 0x7e).filter(c -> c != ',' && c != '=')
                .mapToObj(Character::toString).collect(Collectors.joining());

        assertThat(harness.send("traceparent", VALID, "tracestate", key + "=" + value).tracestate()).isEqualTo(key + "=" + value);
        assertThat(harness.send("traceparent", VALID, "tracestate", key + "@a-z0-9_-*/=" + value).tracestate())
                .isEqualTo(key + "@a-z0-9_-*/=" + value);
    }

    @Test
    void thirtyTwoListMembersAreKept() {
        String members = members(32);

        assertThat(harness.send("traceparent", VALID, "tracestate", members).tracestate()).isEqualTo(members);
    }

    /** Beyond 32 members the list is invalid; OpenTelemetry drops it whole rather than guess which to keep. */
    @Test
    void moreThanThirtyTwoListMembersAreDropped() {
        Outcome outcome = harness.send("traceparent", VALID, "tracestate", members(20), "tracestate", members(33).substring(members(20).length() + 1));

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.tracestate()).isNull();
    }

    /** Only one entry per key is allowed; the list is dropped whole (the harness's strict level expects that). */
    @ParameterizedTest
    @ValueSource(strings = { "foo=1,foo=1", "foo=1,foo=2" })
    void duplicatedKeysDropTheList(String tracestate) {
        Outcome outcome = harness.send("traceparent", VALID, "tracestate", tracestate);

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.tracestate()).isNull();
    }

    @Test
    void keysDuplicatedAcrossHeadersDropTheList() {
        assertThat(harness.send("traceparent", VALID, "tracestate", "foo=1", "tracestate", "foo=2").tracestate()).isNull();
    }

    /** A list with an invalid member is dropped whole; failing tracestate never affects traceparent. */
    @ParameterizedTest
    @ValueSource(strings = { "foo =1", "FOO=1", "foo.bar=1", "foo@=1,bar=2", "@foo=1,bar=2", "foo@@bar=1,bar=2",
            "foo@bar@baz=1,bar=2", "foo=bar=baz", "foo=,bar=3", "foo=1,bar" })
    void invalidListMemberDropsTheList(String tracestate) {
        Outcome outcome = harness.send("traceparent", VALID, "tracestate", tracestate);

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.tracestate()).isNull();
    }

    @Test
    void keysUpToTheirLengthLimitsAreKept() {
        String simple = "z".repeat(256) + "=1";
        String multiTenant = "t".repeat(241) + "@" + "v".repeat(14) + "=1";

        assertThat(harness.send("traceparent", VALID, "tracestate", "foo=1", "tracestate", simple).tracestate())
                .isEqualTo("foo=1," + simple);
        assertThat(harness.send("traceparent", VALID, "tracestate", "foo=1", "tracestate", multiTenant).tracestate())
                .isEqualTo("foo=1," + multiTenant);
    }

    @ParameterizedTest
    @ValueSource(ints = { 257, 242, 15 })
    void keysOverTheirLengthLimitsDropTheList(int length) {
        String key = switch (length) {
            case 257 -> "z".repeat(257);
            case 242 -> "t".repeat(242) + "@v";
            default -> "t@" + "v".repeat(15);
        };

        assertThat(harness.send("traceparent", VALID, "tracestate", "foo=1", "tracestate", key + "=1").tracestate()).isNull();
    }

    // ---------------------------------------------------------------- several calls, traceresponse

    @Test
    void everyCallOfARequestHasTheTraceIdAndItsOwnParentId() {
        Outcome outcome = harness.send(3, "traceparent", VALID);

        Set<String> parentIds = new HashSet<>();
        for (int call = 0; call < 3; call++) {
            assertThat(outcome.traceparent(call).traceId()).isEqualTo(TRACE_ID);
            parentIds.add(outcome.traceparent(call).parentId());
        }
        assertThat(parentIds).hasSize(3).doesNotContain(PARENT_ID);
    }

    @Test
    void anInvalidTraceparentIsReplacedByOneNewTraceForAllCalls() {
        Outcome outcome = harness.send(3, "traceparent", "00-00000000000000000000000000000000-" + PARENT_ID + "-01");

        Set<String> traceIds = new HashSet<>();
        Set<String> parentIds = new HashSet<>();
        for (int call = 0; call < 3; call++) {
            traceIds.add(outcome.traceparent(call).traceId());
            parentIds.add(outcome.traceparent(call).parentId());
        }
        assertThat(traceIds).containsExactly(outcome.traceResponse().traceId());
        assertThat(parentIds).hasSize(3);
    }

    @Test
    void requestsWithoutTraceparentStartTracesOfTheirOwn() {
        Set<String> traceIds = IntStream.range(0, 3).mapToObj(i -> harness.send().traceparent().traceId()).collect(Collectors.toSet());

        assertThat(traceIds).hasSize(3);
    }

    /** Level 2: traceresponse names the gateway's server span, the parent of the span whose id was sent on. */
    @Test
    void traceresponseNamesTheServerSpanTheCallWasMadeFrom() {
        Outcome outcome = harness.send("traceparent", VALID);

        TraceResponseHeader traceResponse = outcome.traceResponse();
        Traceparent sent = outcome.traceparent();
        assertThat(traceResponse.traceId()).isEqualTo(TRACE_ID);
        assertThat(traceResponse.spanId()).isNotEqualTo(PARENT_ID).isNotEqualTo(sent.parentId());
        SpanData server = ExportedSpans.awaitMatching(spans, 1, span -> span.getSpanId().equals(traceResponse.spanId())).get(0);
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(PARENT_ID);
        SpanData client = ExportedSpans.awaitMatching(spans, 1, span -> span.getSpanId().equals(sent.parentId())).get(0);
        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(client.getParentSpanId()).isEqualTo(traceResponse.spanId());
    }

    /** {@code bar01=01,bar02=02,...} with {@code count} members. */
    private static String members(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("bar%02d=%02d", i, i)).collect(Collectors.joining(","));
    }
}
