package dev.llmservice.spring.openai;

import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationRequest.Role;
import dev.llmservice.provider.GenerationRequest.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatCompletionRequestTest {

    static ChatCompletionRequest read(String body) {
        return ChatCompletionRequest.read(body.getBytes(StandardCharsets.UTF_8));
    }

    static OpenAiError refusal(String body) {
        OpenAiError e = catchThrowableOfType(OpenAiError.class, () -> read(body));
        assertThat(e).as("refused: %s", body).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("invalid_request_error");
        return e;
    }

    @Test
    void systemMessagesBecomeTheSystemPromptAndTheLastUserMessageThePrompt() {
        ChatCompletionRequest r = read("""
                {"model": "openai/gpt-4.1-mini", "messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": [{"type": "text", "text": "Hi "}, {"type": "text", "text": "there."}]},
                  {"role": "assistant", "content": "Hello."},
                  {"role": "developer", "content": "Answer in French."},
                  {"role": "user", "content": "Who are you?", "name": "ann"}],
                 "max_tokens": 100, "temperature": 0.5, "response_format": {"type": "json_object"},
                 "stream": true, "stream_options": {"include_usage": true}, "user": "u-1", "n": 1}""");

        GenerationRequest g = r.generation("gpt-4.1-mini");
        assertThat(r.model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(g.systemPrompt()).isEqualTo("Be brief.\n\nAnswer in French.");
        assertThat(g.history()).containsExactly(new Turn(Role.USER, "Hi there."), new Turn(Role.ASSISTANT, "Hello."));
        assertThat(g.prompt()).isEqualTo("Who are you?");
        assertThat(g.jsonResponse()).isTrue();
        assertThat(g.options().model()).isEqualTo("gpt-4.1-mini");
        assertThat(g.options().maxTokens()).isEqualTo(100);
        assertThat(g.options().temperature()).isEqualTo(0.5);
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
    }

    @Test
    void maxCompletionTokensWinsOverTheOlderMaxTokens() {
        ChatCompletionRequest r = read("""
                {"model": "a", "messages": [{"role": "user", "content": "Hi"}],
                 "max_tokens": 10, "max_completion_tokens": 20}""");

        assertThat(r.maxTokens()).isEqualTo(20);
    }

    @Test
    void unsetSettingsKeepTheProvidersConfiguration() {
        GenerationRequest g = read("{\"model\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")
                .generation(null);

        assertThat(g.options().configured()).isTrue();
        assertThat(g.jsonResponse()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"messages": [{"role": "user", "content": "Hi"}]}                                   | model                      | Missing required parameter: 'model'.
            {"model": 7, "messages": [{"role": "user", "content": "Hi"}]}                       | model                      | model must be a non-blank string, but was 7
            {"model": "a"}                                                                       | messages                   | Missing required parameter: 'messages'.
            {"model": "a", "messages": []}                                                       | messages                   | messages must be a non-empty array of messages, but was []
            {"model": "a", "messages": [{"role": "robot", "content": "Hi"}]}                     | messages[0].role           | messages[0].role must be one of system, developer, user, assistant, but was 'robot'
            {"model": "a", "messages": [{"content": "Hi"}]}                                      | messages[0].role           | messages[0].role must be one of system, developer, user, assistant, but was missing
            {"model": "a", "messages": [{"role": "user", "content": 5}]}                         | messages[0].content        | messages[0].content must be a string or an array of text parts, but was 5
            {"model": "a", "messages": [{"role": "user", "content": [{"type": "image_url"}]}]}   | messages[0].content[0].type | messages[0].content[0].type was "image_url" but only text parts are supported
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yo"}]} | messages | the last message that is not a system or developer message must be a user message
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "temperature": 2.5}  | temperature                | temperature was 2.5 but it must be a number from 0.0 to 2.0
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "temperature": "hot"} | temperature               | temperature was "hot" but it must be a number from 0.0 to 2.0
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 0}     | max_tokens                 | max_tokens was 0 but it must be a whole number of at least 1
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "max_completion_tokens": 1.5} | max_completion_tokens | max_completion_tokens was 1.5 but it must be a whole number of at least 1
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "stream": "yes"}     | stream                     | stream was "yes" but it must be true or false
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "n": 2}              | n                          | n was 2 but only 1 is supported
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "top_p": 0.5}        | top_p                      | Unsupported parameter: 'top_p' is not supported by this endpoint.
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "colour": "red"}     | colour                     | Unrecognized request argument supplied: colour
            {"model": "a", "messages": [{"role": "user", "content": "Hi"}], "response_format": {"type": "json_schema"}} | response_format.type | response_format.type json_schema is not supported by this endpoint; use json_object
            """)
    void aBadFieldIsRefusedNamingIt(String body, String param, String message) {
        OpenAiError e = refusal(body);

        assertThat(e.param()).isEqualTo(param);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void aBodyThatIsNoJsonObjectIsRefusedSayingWhere() {
        assertThat(refusal("{\"model\": ").getMessage()).startsWith("the body is not valid JSON: ").contains("line 1");
        assertThat(refusal("[1, 2]").getMessage()).isEqualTo("the body must be a JSON object, but was [1,2]");
        assertThat(refusal("").getMessage()).isEqualTo("the body must be a JSON object, but was empty");
    }

    @Test
    void emptyToolListsAreNoToolsAndAccepted() {
        assertThat(read("{\"model\": \"a\", \"tools\": [], \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")
                .prompt()).isEqualTo("Hi");
        assertThat(List.of(refusal("{\"model\": \"a\", \"tools\": [{\"type\": \"function\"}], \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"Hi\"}]}").param())).containsExactly("tools");
    }
}
