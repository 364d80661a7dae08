package io.learnhub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;

class SpanCatalogueTest {

    private static final String DOCUMENT = """
            # Architecture

            ### Business spans

            | service | span | parent | attributes | events |
            |---|---|---|---|---|
            | demo-service | `do_thing` | HTTP server span | `thing.id`, `cache.hit` | `thing_started` |
            | demo-service | `do_part` | `do_thing` | `thing.id` | |
            | other-service | `other` | Kafka consumer span | `other.id` | |
            | other-service | `shared_work` | `other` | `cache.hit` | |

            Text after the table.

            ### Shared attributes

            | attribute | type | meaning |
            |---|---|---|
            | `correlation_id` | string | the request's id |
            | `cache.hit` | boolean | served from the cache |
            """;

    public static final class DemoSpans {
        public static final String DO_THING = "do_thing";
        public static final String DO_PART = "do_part";
        public static final String EVENT_THING_STARTED = "thing_started";
        public static final AttributeKey<String> THING_ID = AttributeKey.stringKey("thing.id");
    }

    public static final class DriftedSpans {
        public static final String DO_THING = "do_thing";
        public static final String DO_NEW_THING = "do_new_thing";
        public static final String EVENT_THING_STARTED = "thing_started";
        public static final AttributeKey<String> THING_ID = AttributeKey.stringKey("thing.id");
    }

    public static final class UndocumentedAttribute {
        public static final String DO_THING = "do_thing";
        public static final String DO_PART = "do_part";
        public static final String EVENT_THING_STARTED = "thing_started";
        public static final AttributeKey<String> THING_ID = AttributeKey.stringKey("thing.id");
        public static final AttributeKey<Long> SECRET_COUNT = AttributeKey.longKey("secret.count");
    }

    public static final class OtherSpans {
        public static final String OTHER = "other";
        public static final AttributeKey<String> OTHER_ID = AttributeKey.stringKey("other.id");
    }

    public static final class Shared {
        public static final String SHARED_WORK = "shared_work";
        public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("correlation_id");
        public static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("cache.hit");
    }

    public static final class SharedWithUnlistedSpan {
        public static final String NOWHERE = "nowhere";
        public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("correlation_id");
        public static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("cache.hit");
    }

    private final SpanCatalogue catalogue = SpanCatalogue.parse(DOCUMENT);

    @Test
    void readsSpansEventsAndAttributesPerService() {
        assertThat(catalogue.spans("demo-service")).containsExactlyInAnyOrder("do_thing", "do_part");
        assertThat(catalogue.events("demo-service")).containsExactly("thing_started");
        assertThat(catalogue.attributes("demo-service")).containsExactlyInAnyOrder("thing.id", "cache.hit");
        assertThat(catalogue.sharedAttributes()).containsExactlyInAnyOrder("correlation_id", "cache.hit");
    }

    @Test
    void classMatchingItsRowsPasses() {
        catalogue.assertDescribes("demo-service", DemoSpans.class);
        catalogue.assertDescribes("other-service", OtherSpans.class, Shared.SHARED_WORK);
        catalogue.assertShared(Shared.class);
    }

    @Test
    void sharedSpanTheServiceDoesNotNameFails() {
        assertThatThrownBy(() -> catalogue.assertDescribes("other-service", OtherSpans.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("shared_work");
    }

    @Test
    void sharedSpanNoServiceListsFails() {
        assertThatThrownBy(() -> catalogue.assertShared(SharedWithUnlistedSpan.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void spanMissingFromEitherSideFails() {
        assertThatThrownBy(() -> catalogue.assertDescribes("demo-service", DriftedSpans.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("do_new_thing")
                .hasMessageContaining("do_part");
    }

    @Test
    void attributeMissingFromTheCatalogueFails() {
        assertThatThrownBy(() -> catalogue.assertDescribes("demo-service", UndocumentedAttribute.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("secret.count");
    }

    @Test
    void catalogueAttributeThatNoCodeDeclaresFails() {
        SpanCatalogue withStrayAttribute = SpanCatalogue.parse(DOCUMENT.replace("`thing.id`, `cache.hit`", "`thing.id`, `stray.key`"));
        assertThatThrownBy(() -> withStrayAttribute.assertDescribes("demo-service", DemoSpans.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("stray.key");
    }

    @Test
    void sharedAttributeMissingFromTheCatalogueFails() {
        SpanCatalogue withoutCacheHit = SpanCatalogue.parse(DOCUMENT.replace("| `cache.hit` | boolean | served from the cache |\n", ""));
        assertThatThrownBy(() -> withoutCacheHit.assertShared(Shared.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cache.hit");
    }

    @Test
    void documentWithoutTheTablesIsRejected() {
        assertThatThrownBy(() -> SpanCatalogue.parse("# Nothing here\n"))
                .isInstanceOf(IllegalStateException.class);
    }
}
