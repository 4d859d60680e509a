package com.reconflow.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.reconflow.support.Api;
import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What admins edit in Camunda Modeler under processes/ is what the engine runs. */
class ProcessDeploymentTest extends H2AppTest {

    private static final Path PROCESSES = Path.of("processes");

    @Autowired
    RepositoryService repositoryService;

    @Test
    void everyFileInProcessesIsDeployedUnderAStableName() throws IOException {
        List<String> files = modelFiles().map(p -> "processes/" + PROCESSES.relativize(p).toString().replace('\\', '/'))
                .toList();
        assertThat(files).isNotEmpty().anyMatch(f -> f.endsWith(".form"));

        List<String> deployed = repositoryService.createDeploymentQuery().list().stream()
                .flatMap(d -> repositoryService.getDeploymentResources(d.getId()).stream())
                .map(Resource::getName)
                .toList();
        assertThat(deployed).containsAll(files);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("daily-reconciliation")
                .latestVersion().singleResult()).isNotNull();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("discrepancy-review")
                .latestVersion().singleResult()).isNotNull();
    }

    @Test
    void everyProcessHasADiagramForModeler() throws IOException {
        List<Path> bpmnFiles = modelFiles().filter(p -> p.toString().endsWith(".bpmn")).toList();
        assertThat(bpmnFiles).isNotEmpty();
        for (Path file : bpmnFiles) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            Bpmn.validateModel(model);
            List<String> shaped = model.getModelElementsByType(BpmnShape.class).stream()
                    .map(shape -> shape.getBpmnElement().getId()).toList();
            List<String> edged = model.getModelElementsByType(BpmnEdge.class).stream()
                    .map(edge -> edge.getBpmnElement().getId()).toList();
            assertThat(model.getModelElementsByType(FlowNode.class)).as(file + " shapes")
                    .allSatisfy(node -> assertThat(shaped).contains(node.getId()));
            assertThat(model.getModelElementsByType(SequenceFlow.class)).as(file + " edges")
                    .allSatisfy(flow -> assertThat(edged).contains(flow.getId()));
            assertThat(model.getModelElementsByType(Process.class)).allSatisfy(process -> {
                assertThat(process.getCamundaVersionTag()).as(file + " versionTag").isNotBlank();
                assertThat(process.getCamundaHistoryTimeToLiveString()).as(file + " historyTimeToLive").isNotBlank();
            });
        }
    }

    @Test
    void modelerDeploysOverRestAsAnAdminOnly() throws IOException {
        byte[] bpmn = Files.readAllBytes(PROCESSES.resolve("discrepancy-review.bpmn"));
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("deployment-name", "from-modeler");
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("data", new ByteArrayResource(bpmn) {
            @Override
            public String getFilename() {
                return "discrepancy-review.bpmn";
            }
        });

        assertThat(Api.as(rest(), "finance").postMultipart("/engine-rest/deployment/create", parts, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Api.anonymous(rest()).postMultipart("/engine-rest/deployment/create", parts, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        var deployed = Api.as(rest(), "admin").postMultipart("/engine-rest/deployment/create", parts, String.class);
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deployed.getBody()).contains("from-modeler").contains("discrepancy-review");
    }

    private static Stream<Path> modelFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(PROCESSES)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(bpmn|dmn|form)$"))
                    .toList().stream();
        }
    }
}
