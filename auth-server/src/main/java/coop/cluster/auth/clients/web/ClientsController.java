package coop.cluster.auth.clients.web;

import coop.cluster.auth.ClientRegistrations;
import coop.cluster.auth.clients.Clients;
import coop.cluster.auth.oauth.ClientRecord;
import coop.cluster.auth.oauth.RegisteredClients;
import coop.cluster.plumbing.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/identity/clients}: the platform's machine clients, for managers (docs/people.md). A
 * secret is in the answer that creates or rotates it, and nowhere else, ever.
 */
@RestController
@Validated
@RequestMapping("/api/identity/clients")
class ClientsController {

    private final Clients clients;

    ClientsController(Clients clients) {
        this.clients = clients;
    }

    /** What a manager sees of a client (never its secret). */
    record ClientView(
            String clientId,
            List<String> grants,
            List<String> roles,
            String feedId,
            String origin,
            String createdBy,
            Instant createdAt) {}

    record ClientPage(List<ClientView> items, int page, int size, long total) {}

    /**
     * A new feed client; {@code roles} must be {@code ["feed"]} (the only kind the API creates
     * today).
     */
    record NewClient(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "{validation.client-id}")
                    String clientId,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "{validation.client-id}")
                    String feedId,
            @NotEmpty
                    List<@Pattern(regexp = "feed", message = "{validation.role-feed}") String>
                            roles) {}

    /** The client with its secret, shown this once. */
    record ClientSecret(String clientId, String clientSecret, String feedId, List<String> roles) {}

    @GetMapping
    ClientPage list(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        RegisteredClients.Page found = clients.list(page, size);
        return new ClientPage(
                found.clients().stream().map(ClientsController::view).toList(),
                page,
                size,
                found.total());
    }

    @PostMapping
    ResponseEntity<ClientSecret> create(@Valid @RequestBody NewClient body, Caller caller) {
        Clients.Issued issued =
                clients.createFeedClient(body.clientId(), body.feedId(), caller.subject());
        return ResponseEntity.created(URI.create("/api/identity/clients/" + body.clientId()))
                .header("Cache-Control", "no-store")
                .body(secret(issued));
    }

    @PostMapping("/{clientId}/secret")
    ResponseEntity<ClientSecret> rotate(@PathVariable String clientId, Caller caller) {
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .body(secret(clients.rotateSecret(clientId, caller.subject())));
    }

    @DeleteMapping("/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String clientId, Caller caller) {
        clients.revoke(clientId, caller.subject());
    }

    private static ClientView view(ClientRecord stored) {
        RegisteredClient client = stored.registration();
        return new ClientView(
                client.getClientId(),
                client.getAuthorizationGrantTypes().stream()
                        .map(grant -> grant.getValue())
                        .sorted()
                        .toList(),
                ClientRegistrations.roles(client),
                ClientRegistrations.feedId(client),
                stored.origin(),
                stored.createdBy(),
                stored.createdAt());
    }

    private static ClientSecret secret(Clients.Issued issued) {
        RegisteredClient client = issued.client();
        return new ClientSecret(
                client.getClientId(),
                issued.secret(),
                ClientRegistrations.feedId(client),
                ClientRegistrations.roles(client));
    }
}
