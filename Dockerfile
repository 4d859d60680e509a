# Build: the project's own Maven build, tests left to CI.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY processes processes
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /build/target/reconflow-*.jar /app/reconflow.jar
# Routes stay outside the jar so operators can change them without a rebuild.
COPY camel-routes /app/camel-routes
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/reconflow.jar"]
