package com.reconflow.ingest.http;

/** A configured connector, ready to call: its id, settings and how its requests are authorised. */
record ChannelApiConnector(String id, ChannelApiProperties.Connector settings, RequestAuthorization authorization) {

    /** How messages name it. */
    String caller() {
        return "channel API " + id;
    }

    /** Who the imports of this connector say imported them. */
    String importedBy() {
        return "channel-api:" + id;
    }
}
