package com.reconflow.run;

public enum RunStatus {
    COLLECTING,
    MATCHING,
    IN_REVIEW,
    ARCHIVED,
    FAILED
}
