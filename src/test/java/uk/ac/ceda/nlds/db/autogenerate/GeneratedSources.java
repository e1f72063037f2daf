package uk.ac.ceda.nlds.db.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles generated revision source with the JDK compiler against the test class path. */
final class GeneratedSources {

    private GeneratedSources() {
    }

    /** Compiles {@code source} into {@code classes}, failing the test with the compiler's errors and the source. */
    static void compile(Path source, Path classes) throws Exception {
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                "-Xlint:none", "-proc:none");
        boolean compiled = compiler.getTask(errors, null, null, options, null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
        assertThat(compiled).as(errors + "\n" + Files.readString(source)).isTrue();
    }
}
