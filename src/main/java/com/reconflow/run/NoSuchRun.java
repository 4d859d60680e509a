package com.reconflow.run;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A call named a run that does not exist: 404 with the run's id, whichever endpoint was asked. */
public class NoSuchRun extends ResponseStatusException {

    NoSuchRun(long id) {
        super(HttpStatus.NOT_FOUND, "no run #" + id);
    }
}
