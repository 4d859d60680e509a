package com.reconflow.stock.sync;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/stock/sync}: how far each channel is behind, and pushing a channel all of its location's figures
 * again. Readers and keepers of stock as for the rest of {@code /api/stock}.
 */
@RestController
@RequestMapping("/api/stock/sync")
class StockSyncController {

    private final ChannelOutbox outbox;
    private final StockChannels channels;

    StockSyncController(ChannelOutbox outbox, StockChannels channels) {
        this.outbox = outbox;
        this.channels = channels;
    }

    @GetMapping
    List<Map<String, Object>> status() {
        return outbox.status(20);
    }

    @PostMapping("/{channel}/resync")
    ResponseEntity<Map<String, Object>> resync(@PathVariable("channel") String channel) {
        if (channels.get(channel).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("field", "channel",
                    "message", "channel: no enabled channel '" + channel + "' (recon.stock.channels)"));
        }
        return ResponseEntity.accepted().body(Map.of("channel", channel, "skus", outbox.resync(channel)));
    }
}
