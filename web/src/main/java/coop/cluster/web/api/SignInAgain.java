package coop.cluster.web.api;

/**
 * The API refused the person's token (401) or it could not be refreshed: the session no longer
 * carries a valid login, so the person signs in again ({@link SignInAgainHandler}).
 */
public class SignInAgain extends RuntimeException {

    public SignInAgain(Throwable cause) {
        super("the API needs a new login", cause);
    }
}
