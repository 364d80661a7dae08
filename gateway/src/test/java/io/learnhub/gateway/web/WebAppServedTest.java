package io.learnhub.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The web frontend is the gateway's root: the page under a strict Content-Security-Policy, its files under /assets. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class WebAppServedTest {

    @Test
    void rootIsTheAppUnderAContentSecurityPolicy() {
        Response page = given().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body().asString()).contains("<script src=\"/assets/app.js\" defer></script>");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void indexHtmlHasTheSamePolicy() {
        Response page = given().get("/index.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(given().get("/").header("Content-Security-Policy"));
    }

    @Test
    void theAppsFilesAreServed() {
        for (String file : new String[] { "/assets/app.js", "/assets/app.css", "/assets/favicon.svg" }) {
            Response response = given().get(file);

            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.body().asByteArray()).as(file).isNotEmpty();
        }
    }
}
