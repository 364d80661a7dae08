package io.learnhub.gateway.tracing;

import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Telemetry settings of the gateway ({@code learnhub.gateway.tracing.*}). */
@ConfigMapping(prefix = "learnhub.gateway.tracing")
public interface TracingConfig {

    /**
     * Query parameters whose values never reach a span ({@code url.full}, {@code url.query});
     * matched case-insensitively. The upstream still receives them unchanged.
     */
    @WithDefault("access_token,id_token,refresh_token,token,code,client_secret,secret,password,api_key,apikey,key,signature,sig")
    Set<String> redactedQueryParameters();
}
