package dev.llmservice.spring.autoconfigure;

/**
 * A setting read outside Spring's property binding (a variable in {@code .env}, through core's
 * {@code Environment}) is invalid. Start-up stops, and {@link InvalidSettingFailureAnalyzer} shows the message
 * alone, naming the variable, its value and the accepted range, as Spring shows an invalid property.
 */
public class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
