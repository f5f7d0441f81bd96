package dev.llmservice.spring.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.Writer;
import java.util.Locale;
import java.util.Set;

/**
 * Renders the dashboard's providers and decisions once, off the request path, when the application is ready: the
 * template is parsed and cached, its expressions and the journal's read path are loaded, so that the first visitor
 * does not wait for that (on a loaded 2-core machine the first render took 0.6 to 1.7 s, the next ones ~25 ms; see
 * BENCHMARKS.md). Runs on a daemon thread of its own; a failure is logged at DEBUG and changes nothing.
 */
public final class DashboardWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardWarmUp.class);

    private final DashboardView view;
    private final ITemplateEngine templates;

    public DashboardWarmUp(DashboardView view, ITemplateEngine templates) {
        this.view = view;
        this.templates = templates;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread thread = new Thread(this::warmUp, "llm-dashboard-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    void warmUp() {
        try {
            Context context = new Context(Locale.ROOT);
            context.setVariable("providers", view.providers());
            context.setVariable("decisions", view.decisions());
            templates.process(DashboardController.TEMPLATE, Set.of("providers", "decisions"), context,
                    Writer.nullWriter());
        } catch (RuntimeException e) {
            LOG.debug("dashboard warm-up: {}", e.toString());
        }
    }
}
