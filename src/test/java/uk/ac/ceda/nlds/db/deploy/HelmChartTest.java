package uk.ac.ceda.nlds.db.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import uk.ac.ceda.nlds.db.testsupport.HelmBinary;

/** The chart in helm/ lints and renders the objects Kubernetes needs, for SQLite and for PostgreSQL. */
class HelmChartTest {

    private static final String POSTGRESQL_VALUES = "helm/values-postgresql.yaml";

    @Test
    void lintsWithTheDefaultAndThePostgresqlValues() throws Exception {
        assertThat(HelmBinary.helm("lint", "--strict", "helm").exitCode()).isZero();
        HelmBinary.Result postgres = HelmBinary.helm("lint", "--strict", "helm", "-f", POSTGRESQL_VALUES);
        assertThat(postgres.exitCode()).as(postgres.output()).isZero();
    }

    @Test
    void theDefaultRunsOnePodOnSqliteFilesInAVolumeAndMigratesOnBoot() throws Exception {
        List<Map<String, Object>> objects = render();

        assertThat(kinds(objects)).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment",
                "PersistentVolumeClaim");
        Map<String, Object> deployment = object(objects, "Deployment");
        assertThat(at(deployment, "spec.strategy.type")).isEqualTo("Recreate");
        Map<String, Object> container = container(deployment);
        assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(container.get("args")).as("the service is the default command").isNull();
        assertThat(String.valueOf(container.get("volumeMounts"))).contains("mountPath=/app/data").contains("mountPath=/tmp");
        assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(String.valueOf(container.get("env"))).doesNotContain("NLDS_DB_CATALOG_URL").doesNotContain("secretKeyRef");
    }

    @Test
    void postgresqlMigratesInAHookJobAndReadsCredentialsFromTheExistingSecret() throws Exception {
        List<Map<String, Object>> objects = render("-f", POSTGRESQL_VALUES);

        assertThat(kinds(objects)).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "Job");
        Map<String, Object> job = object(objects, "Job");
        assertThat(at(job, "metadata.annotations")).isEqualTo(Map.of("helm.sh/hook", "pre-install,pre-upgrade",
                "helm.sh/hook-weight", "0", "helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded"));
        Map<String, Object> migrate = container(job);
        assertThat(migrate.get("args")).isEqualTo(List.of("--migrate-only"));
        assertThat(String.valueOf(migrate.get("env"))).contains("name=NLDS_DB_CATALOG_URL, value=jdbc:postgresql://")
                .doesNotContain("configMapKeyRef");
        Map<String, Object> deployment = object(objects, "Deployment");
        assertThat(at(deployment, "spec.replicas")).isEqualTo(3);
        String env = String.valueOf(container(deployment).get("env"));
        assertThat(env).contains("{name=NLDS_DB_CATALOG_PASSWORD, valueFrom={secretKeyRef={name=nlds-db-credentials,"
                + " key=catalog-password}}}").contains("configMapKeyRef");
    }

    @Test
    void chartMadeCredentialsBecomeASecretTheJobCanReadFirst() throws Exception {
        List<Map<String, Object>> objects = render("-f", POSTGRESQL_VALUES, "--set",
                "database.credentials.existingSecret=,database.credentials.catalog.password=pw");

        Map<String, Object> secret = object(objects, "Secret");
        assertThat(at(secret, "metadata.name")).isEqualTo("t-nlds-db-credentials");
        assertThat(at(secret, "metadata.annotations.helm\\.sh/hook")).isEqualTo("pre-install,pre-upgrade");
        assertThat(String.valueOf(container(object(objects, "Deployment")).get("env"))).contains("t-nlds-db-credentials");
    }

    @Test
    void impossibleValuesAreRefusedWithTheReason() throws Exception {
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "database.type=mysql").output())
                .contains("/database/type").contains("value must be one of 'sqlite', 'postgresql'");
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "replicaCount=2").output())
                .contains("SQLite runs one replica");
        assertThat(HelmBinary.helm("template", "t", "helm", "--set", "migration.mode=job").output())
                .contains("migration.mode job needs PostgreSQL");
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

    private static List<String> kinds(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> (String) o.get("kind")).toList();
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
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
