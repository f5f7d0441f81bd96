package dev.llmservice.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application that only adds the starter; each test imports the fakes it needs. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {
}
