package com.reconflow.search;

/** A query parameter that cannot be used as given; answered with 400 naming it. */
final class BadParameter extends RuntimeException {

    private final String parameter;

    BadParameter(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
