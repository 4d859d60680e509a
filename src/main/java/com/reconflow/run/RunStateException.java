package com.reconflow.run;

/** The run is not in a stage where the request makes sense (answered 409). */
public class RunStateException extends RuntimeException {

    public RunStateException(String message) {
        super(message);
    }
}
