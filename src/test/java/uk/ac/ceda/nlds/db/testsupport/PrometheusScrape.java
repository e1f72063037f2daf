package uk.ac.ceda.nlds.db.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

/** One scrape of {@code /actuator/prometheus}, read a series at a time. */
public record PrometheusScrape(String text) {

    public static PrometheusScrape of(ServiceProcess service) {
        ServiceProcess.Response response = service.get("/actuator/prometheus");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new PrometheusScrape(response.body());
    }

    /** The value of one series, written as in the text format: {@code name{label="value",…}}. */
    public double value(String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in the scrape:\n" + text));
    }
}
