package uk.ac.ceda.nlds.db.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import uk.ac.ceda.nlds.db.cli.NldsDbCommand;
import uk.ac.ceda.nlds.db.startup.ExitCode;
import uk.ac.ceda.nlds.db.testsupport.HelmBinary;

/**
 * The chart in helm/ lints and renders the objects Kubernetes needs in every mode: SQLite, and
 * PostgreSQL with the migration in a hook Job or in a plain Job (Argo CD, Flux); and it pulls the
 * image the README builds, with the Secret the README creates.
 */
class HelmChartTest {

    private static final String POSTGRESQL_VALUES = "helm/values-postgresql.yaml";
    private static final String NO_HOOK = "migration.job.hook=false";

    @Test
    void lintsInEveryMode() throws Exception {
        for (List<String> values : List.of(List.<String>of(), List.of("-f", POSTGRESQL_VALUES),
                List.of("-f", POSTGRESQL_VALUES, "--set", NO_HOOK + ",service.exposeManagement=true"))) {
            List<String> args = new ArrayList<>(List.of("lint", "--strict", "helm"));
            args.addAll(values);
            HelmBinary.Result lint = HelmBinary.helm(args.toArray(String[]::new));
            assertThat(lint.exitCode()).as(values + "\n" + lint.output()).isZero();
        }
    }

    @Test
    void theDefaultRunsOnePodOnSqliteFilesInAVolumeAndMigratesOnBoot() throws Exception {
        List<Map<String, Object>> objects = render();

        assertThat(kinds(objects)).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment",
                "PersistentVolumeClaim");
        Map<String, Object> deployment = object(objects, "Deployment");
        assertThat(at(deployment, "spec.strategy.type")).isEqualTo("Recreate");
        Map<String, Object> container = container(deployment);
        assertThat(container.get("args")).as("the service is the default command").isNull();
        assertThat(String.valueOf(container.get("volumeMounts"))).contains("mountPath=/app/data").contains("mountPath=/tmp");
        assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(String.valueOf(container.get("env"))).doesNotContain("NLDS_DB_CATALOG_URL").doesNotContain("secretKeyRef");
        assertThat(at(deployment, "spec.template.spec.imagePullSecrets")).isNull();
    }

    @Test
    void probesAndTheActuatorUseTheManagementPortAndTheServiceExposesTheApiOnly() throws Exception {
        List<Map<String, Object>> objects = render();

        Map<String, Object> container = container(object(objects, "Deployment"));
        assertThat(container.get("ports")).isEqualTo(List.of(Map.of("name", "http", "containerPort", 8080),
                Map.of("name", "management", "containerPort", 8081)));
        assertThat(String.valueOf(container.get("env"))).contains("{name=MANAGEMENT_SERVER_PORT, value=8081}");
        assertThat(at(container, "startupProbe.httpGet")).isEqualTo(Map.of("path", "/actuator/health/liveness",
                "port", "management"));
        assertThat((int) at(container, "startupProbe.periodSeconds") * (int) at(container, "startupProbe.failureThreshold"))
                .as("the JVM gets minutes to open its port on a loaded node").isGreaterThanOrEqualTo(180);
        assertThat(at(container, "readinessProbe.httpGet")).isEqualTo(Map.of("path", "/actuator/health/readiness",
                "port", "management"));
        assertThat(at(container, "livenessProbe.httpGet")).isEqualTo(Map.of("path", "/actuator/health/liveness",
                "port", "management"));
        assertThat(at(object(objects, "Service"), "spec.ports")).isEqualTo(List.of(Map.of("name", "http",
                "port", 8080, "targetPort", "http")));

        assertThat(at(object(render("--set", "service.exposeManagement=true"), "Service"), "spec.ports"))
                .isEqualTo(List.of(Map.of("name", "http", "port", 8080, "targetPort", "http"),
                        Map.of("name", "management", "port", 8081, "targetPort", "management")));
    }

    @Test
    void theImageIsTheOneTheReadmeBuildsFromTheProjectVersion() throws Exception {
        String version = matchIn(Files.readString(Path.of("pom.xml")),
                "<artifactId>nlds-db</artifactId>\\s*<version>([^<]+)</version>");
        assertThat(matchIn(Files.readString(Path.of("helm/Chart.yaml")), "appVersion: \"([^\"]+)\"")).isEqualTo(version);
        String built = matchIn(Files.readString(Path.of("README.md")), "docker build -t (\\S+) \\.");
        assertThat(built).isEqualTo("nlds-db:" + version);

        List<Map<String, Object>> objects = render("-f", POSTGRESQL_VALUES);
        assertThat(container(object(objects, "Deployment")).get("image")).isEqualTo(built);
        assertThat(container(object(objects, "Job")).get("image")).isEqualTo(built);
        List<Map<String, Object>> pushed = render("--set", "image.repository=registry.example.org/nlds/nlds-db",
                "--set-string", "image.tag=1.2");
        assertThat(container(object(pushed, "Deployment")).get("image")).isEqualTo("registry.example.org/nlds/nlds-db:1.2");
    }

    @Test
    void imagePullSecretsReachTheServiceAndTheMigrationPods() throws Exception {
        List<Map<String, Object>> objects = render("-f", POSTGRESQL_VALUES, "--set", "imagePullSecrets[0].name=regcred");

        for (String kind : List.of("Deployment", "Job")) {
            assertThat(at(object(objects, kind), "spec.template.spec.imagePullSecrets")).as(kind)
                    .isEqualTo(List.of(Map.of("name", "regcred")));
        }
    }

    @Test
    void postgresqlMigratesInAHookJobWhoseLogOutlivesSuccess() throws Exception {
        List<Map<String, Object>> objects = render("-f", POSTGRESQL_VALUES);

        assertThat(kinds(objects)).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "Job");
        Map<String, Object> job = object(objects, "Job");
        assertThat(at(job, "metadata.name")).isEqualTo("t-nlds-db-migrate");
        assertThat(at(job, "metadata.annotations")).isEqualTo(Map.of("helm.sh/hook", "pre-install,pre-upgrade",
                "helm.sh/hook-weight", "0", "helm.sh/hook-delete-policy", "before-hook-creation"));
        Map<String, Object> migrate = container(job);
        assertThat(migrate.get("args")).isEqualTo(List.of("--migrate-only"));
        assertThat(String.valueOf(migrate.get("env"))).as("the hook runs before the release's ConfigMap exists")
                .contains("name=NLDS_DB_CATALOG_URL, value=jdbc:postgresql://").doesNotContain("configMapKeyRef");
        assertThat(at(job, "spec.template.metadata.labels.app\\.kubernetes\\.io/component")).as("outside the Service")
                .isEqualTo("migration");
        Map<String, Object> deployment = object(objects, "Deployment");
        assertThat(at(deployment, "spec.replicas")).isEqualTo(3);
        assertThat(at(object(objects, "Service"), "spec.selector.app\\.kubernetes\\.io/component")).isEqualTo("server");
        String env = String.valueOf(container(deployment).get("env"));
        assertThat(env).contains("{name=NLDS_DB_CATALOG_PASSWORD, valueFrom={secretKeyRef={name=nlds-db-credentials,"
                + " key=catalog-password}}}").contains("configMapKeyRef");
    }

    /** The Job refuses a migration that would outlast its deadline before it starts, with the CLI's own plan. */
    @Test
    @SuppressWarnings("unchecked")
    void theJobPlansWithinItsDeadlineBeforeItMigrates(@TempDir Path folder) throws Exception {
        Map<String, Object> job = object(render("-f", POSTGRESQL_VALUES), "Job");
        Map<String, Object> plan = initContainer(job);
        List<String> args = (List<String>) plan.get("args");
        assertThat(args).containsExactly("plan", "--max-duration=60480s"); // 70% of the default 86400 s
        assertThat(String.valueOf(plan.get("env"))).contains("name=NLDS_DB_CATALOG_URL");
        assertThat(String.valueOf(container(job).get("env"))).as("planned already")
                .contains("{name=NLDS_MIGRATION_PLANFIRST, value=false}");

        assertThat(initContainer(object(render("-f", POSTGRESQL_VALUES, "--set",
                "migration.job.activeDeadlineSeconds=3600"), "Job")).get("args"))
                .isEqualTo(List.of("plan", "--max-duration=2520s"));
        assertThat(initContainer(object(render("-f", POSTGRESQL_VALUES, "--set",
                "migration.job.plan.maxDuration=30m"), "Job")).get("args"))
                .isEqualTo(List.of("plan", "--max-duration=30m"));
        Map<String, Object> unplanned = object(render("-f", POSTGRESQL_VALUES, "--set",
                "migration.job.plan.enabled=false"), "Job");
        assertThat(at(unplanned, "spec.template.spec.initContainers")).isNull();
        assertThat(String.valueOf(container(unplanned).get("env"))).doesNotContain("NLDS_MIGRATION_PLANFIRST");
        assertThat(HelmBinary.helm("template", "t", "helm", "-f", POSTGRESQL_VALUES, "--set",
                "migration.job.plan.maxDuration=soon").output()).contains("/migration/job/plan/maxDuration");

        // what the init container runs is a command the jar accepts: an empty pair plans within the deadline
        // (plan reads only: the databases exist, as PostgreSQL ones do before the Job)
        Files.createFile(folder.resolve("catalog.db"));
        Files.createFile(folder.resolve("monitor.db"));
        List<String> run = new ArrayList<>(args);
        run.add("--nlds.db.catalog.url=jdbc:sqlite:" + folder.resolve("catalog.db"));
        run.add("--nlds.db.monitor.url=jdbc:sqlite:" + folder.resolve("monitor.db"));
        assertThat(NldsDbCommand.execute(run.toArray(String[]::new))).isEqualTo(ExitCode.OK);
        run.set(1, "--max-duration=1ms");
        assertThat(NldsDbCommand.execute(run.toArray(String[]::new))).isEqualTo(ExitCode.TOO_LONG);
    }

    /** Argo CD and Flux: a plain Job beside the pods, renamed whenever what it runs changes (a Job cannot be edited). */
    @Test
    void withoutTheHookThePostgresqlMigrationIsAPlainJobNamedAfterWhatItRuns() throws Exception {
        List<Map<String, Object>> objects = render("-f", POSTGRESQL_VALUES, "--set", NO_HOOK);

        assertThat(kinds(objects)).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "Job");
        Map<String, Object> job = object(objects, "Job");
        assertThat(at(job, "metadata.annotations")).isNull();
        String name = (String) at(job, "metadata.name");
        assertThat(name).matches("t-nlds-db-migrate-[0-9a-f]{10}");
        assertThat(String.valueOf(container(job).get("env"))).contains("configMapKeyRef")
                .contains("secretKeyRef={name=nlds-db-credentials");
        assertThat(container(object(objects, "Deployment")).get("readinessProbe")).as("pods wait at readiness").isNotNull();

        assertThat(at(object(render("-f", POSTGRESQL_VALUES, "--set", NO_HOOK), "Job"), "metadata.name")).isEqualTo(name);
        assertThat(at(object(render("-f", POSTGRESQL_VALUES, "--set", NO_HOOK + ",image.tag=v2"), "Job"), "metadata.name"))
                .isNotEqualTo(name);
        assertThat(at(object(render("-f", POSTGRESQL_VALUES, "--set", NO_HOOK + ",migration.defaultTenancy=other"), "Job"),
                "metadata.name")).isNotEqualTo(name);
    }

    @Test
    void theReadmeCreatesTheSecretThePostgresqlValuesName() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String command = matchIn(readme, "(kubectl create secret generic nlds-db-credentials(?:[^\\n]*\\\\\\n)*[^\\n]*)");
        for (String key : List.of("catalog-username", "catalog-password", "monitor-username", "monitor-password")) {
            assertThat(command).contains("--from-literal=" + key + "=");
        }
        assertThat(Files.readString(Path.of(POSTGRESQL_VALUES))).contains("existingSecret: nlds-db-credentials");
    }

    @Test
    void podsRollWhenTheChartsConfigMapOrSecretChanges() throws Exception {
        String[] chartSecret = {"-f", POSTGRESQL_VALUES, "--set", "database.credentials.existingSecret=,"
                + "database.credentials.catalog.password=pw"};
        Map<String, Object> annotations = podAnnotations(render(chartSecret));
        assertThat(annotations).containsOnlyKeys("checksum/config", "checksum/secret");
        assertThat(podAnnotations(render(chartSecret))).as("stable while nothing changes").isEqualTo(annotations);

        Map<String, Object> newPassword = podAnnotations(render("-f", POSTGRESQL_VALUES, "--set",
                "database.credentials.existingSecret=,database.credentials.catalog.password=other"));
        assertThat(newPassword.get("checksum/secret")).isNotEqualTo(annotations.get("checksum/secret"));
        assertThat(newPassword.get("checksum/config")).isEqualTo(annotations.get("checksum/config"));

        Map<String, Object> newSetting = podAnnotations(render("-f", POSTGRESQL_VALUES, "--set",
                "database.credentials.existingSecret=,database.credentials.catalog.password=pw,migration.startupWait=5m"));
        assertThat(newSetting.get("checksum/config")).isNotEqualTo(annotations.get("checksum/config"));
    }

    @Test
    void chartMadeCredentialsAreAHookOnlyWhenTheMigrationIs() throws Exception {
        String made = "database.credentials.existingSecret=,database.credentials.catalog.password=pw";
        List<Map<String, Object>> hooked = render("-f", POSTGRESQL_VALUES, "--set", made);
        Map<String, Object> secret = object(hooked, "Secret");
        assertThat(at(secret, "metadata.name")).isEqualTo("t-nlds-db-credentials");
        assertThat(at(secret, "metadata.annotations.helm\\.sh/hook")).isEqualTo("pre-install,pre-upgrade");
        assertThat(String.valueOf(container(object(hooked, "Deployment")).get("env"))).contains("t-nlds-db-credentials");

        assertThat(at(object(render("-f", POSTGRESQL_VALUES, "--set", made + "," + NO_HOOK), "Secret"),
                "metadata.annotations")).isNull();
    }

    /** Objects the schema leaves free-form (Kubernetes' own shapes) are not walked. */
    @Test
    void theSchemaDescribesEveryValue() throws Exception {
        Map<String, Object> schema = new Yaml().load(Files.readString(Path.of("helm/values.schema.json")));
        Map<String, Object> values = new Yaml().load(Files.readString(Path.of("helm/values.yaml")));
        List<String> undescribed = new ArrayList<>();
        undescribed(values, schema, schema, "", undescribed);
        assertThat(undescribed).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void undescribed(Map<String, Object> values, Map<String, Object> node, Map<String, Object> schema,
            String path, List<String> undescribed) {
        Map<String, Object> properties = (Map<String, Object>) resolve(node, schema).get("properties");
        if (properties == null) {
            return;
        }
        values.forEach((key, value) -> {
            Map<String, Object> property = (Map<String, Object>) properties.get(key);
            if (property == null) {
                undescribed.add(path + key);
            } else if (value instanceof Map<?, ?> nested) {
                undescribed((Map<String, Object>) nested, property, schema, path + key + ".", undescribed);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> node, Map<String, Object> schema) {
        Object ref = node.get("$ref");
        return ref == null ? node : (Map<String, Object>) ((Map<String, Object>) schema.get("definitions"))
                .get(((String) ref).substring("#/definitions/".length()));
    }

    @Test
    void impossibleValuesAreRefusedWithTheReason() throws Exception {
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "database.type=mysql").output())
                .contains("/database/type").contains("value must be one of 'sqlite', 'postgresql'");
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "replicaCount=2").output())
                .contains("SQLite runs one replica");
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "migration.mode=job").output())
                .contains("migration.mode job needs PostgreSQL");
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "management.port=8080").output())
                .contains("management.port is 8080, the API port");
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "migration.job.hook=maybe").output())
                .contains("/migration/job/hook");
        HelmBinary.Result noUrl = HelmBinary.helm("template", "t", "helm", "--set", "database.type=postgresql");
        assertThat(noUrl.exitCode()).isNotZero();
        assertThat(noUrl.output()).contains("at '/database/catalog/url': '' does not match pattern '^jdbc:postgresql://'");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> render(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("template", "t", "helm"));
        args.addAll(List.of(extra));
        HelmBinary.Result result = HelmBinary.helm(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(result.output())) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return objects;
    }

    private static String matchIn(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("no match for " + regex).isTrue();
        return matcher.group(1);
    }

    private static List<String> kinds(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> (String) o.get("kind")).toList();
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podAnnotations(List<Map<String, Object>> objects) {
        return (Map<String, Object>) at(object(objects, "Deployment"), "spec.template.metadata.annotations");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> initContainer(Map<String, Object> workload) {
        List<Map<String, Object>> init = (List<Map<String, Object>>) at(workload, "spec.template.spec.initContainers");
        assertThat(init).hasSize(1);
        return init.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> workload) {
        return ((List<Map<String, Object>>) at(workload, "spec.template.spec.containers")).get(0);
    }

    /** The value at a dotted path; {@code \\.} escapes a dot inside a key. */
    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String path) {
        Object current = map;
        for (String key : path.split("(?<!\\\\)\\.")) {
            current = ((Map<String, Object>) current).get(key.replace("\\.", "."));
        }
        return current;
    }
}
