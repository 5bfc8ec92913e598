package coop.cluster.plumbing.it;

import coop.cluster.plumbing.events.IntegrationEvent;

@IntegrationEvent(type = "it.widget.changed", version = 1, topic = "it.widgets")
record WidgetChanged(String widgetId, int revision) {}
