/*
 * A Java program against the wolkvox emulator, with the JDK only (java.net.http, Java 11+): start it on a port it
 * picks (--port 0) and a fixed clock, read its URL from the one line it writes to stdout, read a report, inject a
 * fault, reset, stop it. In a JUnit suite the same parts go in @BeforeAll (start), @BeforeEach (reset) and
 * @AfterAll (stop).
 *
 *   java docs/examples/java/WolkvoxEmulatorExample.java                                        (wolkvox-mock on PATH)
 *   java docs/examples/java/WolkvoxEmulatorExample.java node packages/mock-server/bin/wolkvox-mock.js   (a clone)
 *
 * The arguments are the command that starts the emulator (default: wolkvox-mock).
 */
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class WolkvoxEmulatorExample {
  static final String TOKEN = "wolkvox-demo-token"; // the emulator's public demo token
  static final String DAY = "date_ini=20250203000000&date_end=20250203235959";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static void check(boolean condition, String message) {
    if (!condition) throw new AssertionError(message);
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> report(String url, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url + "/api/v2/reports_manager.php?api=act_3&" + DAY))
            .header("wolkvox-token", token));
  }

  public static void main(String[] args) throws Exception {
    List<String> command = new ArrayList<>(args.length > 0 ? List.of(args) : List.of("wolkvox-mock"));
    // Tuesday 4 February 2025, 10:00 in the tenant's zone: "yesterday" is a busy Monday.
    command.addAll(List.of("--port", "0", "--now", "2025-02-04T10:00:00-05:00"));
    Process emulator =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader stdout =
          new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
      String line = stdout.readLine(); // "wolkvox-mock listening on http://127.0.0.1:PORT"
      check(line != null && line.contains("listening on "), "the emulator did not start: " + line);
      String url = line.substring(line.indexOf("listening on ") + "listening on ".length()).trim();
      System.out.println("emulator at " + url);

      HttpResponse<String> answer = report(url, TOKEN);
      check(answer.statusCode() == 200, "act_3 answered " + answer.statusCode());
      Matcher msg = Pattern.compile("\"msg\":\"(\\d+) records were found\"").matcher(answer.body());
      check(msg.find() && Integer.parseInt(msg.group(1)) > 0, "no rows in " + answer.body());
      System.out.println("act_3 on Monday 3 February: " + msg.group(1) + " records");
      check(report(url, "not-a-token").statusCode() == 403, "a wrong token was not refused");

      HttpResponse<String> fault =
          send(
              HttpRequest.newBuilder(URI.create(url + "/__mock/faults"))
                  .header("content-type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"fault\":{\"kind\":\"status\",\"status\":500},\"match\":{\"api\":\"act_3\"}}")));
      check(fault.statusCode() == 201, "the fault was not injected: " + fault.body());
      check(report(url, TOKEN).statusCode() == 500, "the injected fault was not answered");
      send(HttpRequest.newBuilder(URI.create(url + "/__mock/reset")).POST(HttpRequest.BodyPublishers.noBody()));
      String journal = send(HttpRequest.newBuilder(URI.create(url + "/__mock/journal"))).body();
      check(journal.equals("[]"), "the journal is not empty after a reset: " + journal);
      System.out.println("fault injected and answered 500; reset: the journal is empty");
    } finally {
      emulator.destroy();
      emulator.waitFor();
    }
  }
}
