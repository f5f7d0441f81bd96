package dev.llmservice.operations;

/** An operation that needs a configured provider was asked of one without a key or with invalid values. */
public class ProviderNotConfiguredException extends IllegalStateException {

    private final String provider;

    public ProviderNotConfiguredException(String provider, String message) {
        super(message);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
