package com.reconflow.ingest.http;

import java.util.ArrayList;
import java.util.List;

import com.reconflow.ingest.FileRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by the {@code channel-api-poll} route: polls every configured connector in turn. One
 * connector's failure is logged with its reason and kept in its progress row; the others are
 * polled all the same.
 */
public class ChannelApiPolling {

    private static final Logger log = LoggerFactory.getLogger(ChannelApiPolling.class);

    private final List<ChannelApiPoller> pollers;

    ChannelApiPolling(List<ChannelApiPoller> pollers) {
        this.pollers = List.copyOf(pollers);
    }

    public List<String> connectorIds() {
        return pollers.stream().map(ChannelApiPoller::connectorId).toList();
    }

    public List<PollResult> pollAll() {
        List<PollResult> results = new ArrayList<>();
        for (ChannelApiPoller poller : pollers) {
            try {
                poller.poll().ifPresent(results::add);
            } catch (ChannelApiException | FileRejectedException e) {
                log.warn("Poll of channel API {} failed, nothing imported, it is asked again next time: {}",
                        poller.connectorId(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("Poll of channel API {} failed, nothing imported", poller.connectorId(), e);
            }
        }
        return results;
    }
}
