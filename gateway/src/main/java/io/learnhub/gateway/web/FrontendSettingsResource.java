package io.learnhub.gateway.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.learnhub.gateway.routing.GatewayRoute;

/** {@code GET /web/config}: the web frontend's runtime settings, public (it is read before signing in). */
@Path("/web/config")
@PermitAll
public class FrontendSettingsResource {

    static final String DEV = "dev";
    static final String OIDC = "oidc";

    private final FrontendSettings settings;

    FrontendSettingsResource(WebConfig config) {
        this.settings = settingsOf(config);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The web frontend's settings: sign-in, trace UI link, where browser spans go")
    public FrontendSettings settings() {
        return settings;
    }

    static FrontendSettings settingsOf(WebConfig config) {
        boolean devSignIn = config.devSignIn().enabled();
        FrontendSettings.Oidc oidc = devSignIn ? null
                : config.oidc().issuer().map(issuer -> new FrontendSettings.Oidc(issuer, config.oidc().clientId(), config.oidc().scope()))
                        .orElse(null);
        FrontendSettings.TraceUi traceUi = config.traceUi().url()
                .map(url -> new FrontendSettings.TraceUi(config.traceUi().name(), url))
                .orElse(null);
        return new FrontendSettings(devSignIn ? DEV : OIDC, oidc, traceUi,
                new FrontendSettings.Telemetry(GatewayRoute.WEB_TRACES_PATH, config.telemetry().exportDelay().toMillis()));
    }
}
