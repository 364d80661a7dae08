package io.learnhub.gateway.support;

import static io.restassured.RestAssured.given;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Requests from a loopback address of the test's choosing (any 127.x.y.z), for tests of what the
 * gateway keeps per client address.
 */
public final class ClientAddress {

    /** Apache HttpClient's parameter for the local address of its connections. */
    private static final String LOCAL_ADDRESS = "http.route.local-address";

    private ClientAddress() {
    }

    public static RequestSpecification from(String loopbackAddress) {
        try {
            return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam(LOCAL_ADDRESS, InetAddress.getByName(loopbackAddress))));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(loopbackAddress, e);
        }
    }
}
