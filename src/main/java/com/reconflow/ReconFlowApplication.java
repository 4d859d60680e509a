package com.reconflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReconFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReconFlowApplication.class, args);
    }
}
