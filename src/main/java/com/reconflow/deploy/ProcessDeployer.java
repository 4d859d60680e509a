package com.reconflow.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and form of {@code processes/} (packaged on the classpath) as one
 * deployment, each resource named {@code processes/<path>} whatever the node or checkout. The
 * starter's auto-deployment names exploded resources by absolute path, which differs per
 * machine and would redeploy on every node; forms it would not deploy at all. Unchanged models
 * are filtered out, so a restart deploys nothing new.
 */
@Component
@Order(0)
class ProcessDeployer implements ApplicationRunner {

    static final String DEPLOYMENT_NAME = "reconflow-processes";
    private static final String FOLDER = "processes/";
    private static final String[] PATTERNS = {"bpmn", "dmn", "form"};

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

    private final RepositoryService repositoryService;

    ProcessDeployer(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        DeploymentBuilder deployment = repositoryService.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source("reconflow")
                .enableDuplicateFiltering(true);
        int count = 0;
        for (String extension : PATTERNS) {
            Resource[] resources = resolver.getResources("classpath*:" + FOLDER + "**/*." + extension);
            Arrays.sort(resources, Comparator.comparing(ProcessDeployer::stableName));
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    deployment.addInputStream(stableName(resource), new ByteArrayInputStream(in.readAllBytes()));
                }
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no models found under " + FOLDER + " on the classpath");
        }
        Deployment deployed = deployment.deployWithResult();
        log.info("Deployed {} process resources from {} (deployment {})", count, FOLDER, deployed.getId());
    }

    /** The path from the processes folder on, e.g. processes/review/discrepancy-review.bpmn. */
    static String stableName(Resource resource) {
        try {
            String url = resource.getURL().toString();
            return url.substring(url.lastIndexOf("/" + FOLDER) + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
