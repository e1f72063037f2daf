package uk.ac.ceda.nlds.db.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The distribution's Chromium, headless, driven by its chromedriver through Selenium: no browser
 * download (Selenium Manager is not asked, since both paths are given). Install with
 * {@value #INSTALL}; {@code .ci/run} does.
 */
public final class HeadlessChromium {

    static final String INSTALL = "apt-get install -y chromium chromium-driver";
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Held here so the level sticks: the tests use no DevTools, so Selenium's warning that it has none for this version is noise. */
    private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

    private HeadlessChromium() {
    }

    /** A fresh browser with its own profile in {@code profile}; quit it when done. */
    public static WebDriver start(Path profile) {
        Path browser = BROWSERS.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (browser == null || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser tests need Chromium and its driver (" + BROWSERS.get(0) + ", "
                    + DRIVER + "): " + INSTALL);
        }
        SELENIUM.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions().setBinary(browser.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
