package cn.sunshine.devstack;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the devstack on free ports (never 5672/27017/9000) and talks to it with the real clients. */
class DevStackTest {

    @TempDir
    static Path dataDir;

    static DevStack stack;
    static String startupOutput;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            stack = DevStack.start(new DevStack.Settings(freePort(), freePort(), freePort(), dataDir, false), out);
        }
        startupOutput = buf.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void printsOneLinePerComponentThenReady() {
        assertThat(stack.mongoEmbedded()).isTrue();
        assertThat(stack.amqpEmbedded()).isTrue();
        assertThat(startupOutput.lines().toList())
                .hasSize(4)
                .satisfies(l -> assertThat(l.get(0)).startsWith("mongo: embedded").contains("mongo.mv"))
                .satisfies(l -> assertThat(l.get(1)).startsWith("amqp: embedded Qpid"))
                .satisfies(l -> assertThat(l.get(2)).startsWith("issuer: ").contains(stack.issuerUrl()))
                .satisfies(l -> assertThat(l.get(3)).isEqualTo(DevStack.READY));
        assertThat(dataDir.resolve("mongo.mv")).exists();
    }

    @Test
    void amqpDurableTopologyConfirmsBasicGetAndNackRequeue() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(DevStack.HOST);
        cf.setPort(stack.amqpPort());
        cf.setUsername("guest");
        cf.setPassword("guest");
        // virtual host left at RabbitMQ's default "/", as Spring Boot does
        cf.setConnectionTimeout(3000);
        try (Connection connection = cf.newConnection("devstack-test");
             Channel ch = connection.createChannel()) {
            String exchange = "devstack.test.events";
            String queue = "devstack-test.events";
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true, false, Map.of());
            ch.queueDeclare(queue, true, false, false, Map.of());
            ch.queueDeclare(queue + ".dlq", true, false, false, Map.of());
            ch.queueBind(queue, exchange, "accreditation.base.accredited.v1");
            ch.confirmSelect();

            AMQP.BasicProperties props = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
                    .messageId("evt-1").headers(Map.of("ce-type", "accreditation.base.accredited.v1")).build();
            ch.basicPublish(exchange, "accreditation.base.accredited.v1", true, props,
                    "{\"hello\":\"阳光\"}".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(5000);

            GetResponse first = ch.basicGet(queue, false);
            assertThat(first).isNotNull();
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"阳光\"}");
            assertThat(first.getProps().getMessageId()).isEqualTo("evt-1");
            assertThat(first.getProps().getHeaders().get("ce-type")).hasToString("accreditation.base.accredited.v1");
            assertThat(first.getEnvelope().isRedeliver()).isFalse();

            // nack with requeue puts it back (what the dead-letter listing does)
            ch.basicNack(first.getEnvelope().getDeliveryTag(), true, true);
            GetResponse again = ch.basicGet(queue, false);
            assertThat(again).isNotNull();
            assertThat(again.getEnvelope().isRedeliver()).isTrue();

            // move to the dead-letter queue through the default exchange, confirmed, then ack the source
            ch.basicPublish("", queue + ".dlq", false, again.getProps(), again.getBody());
            ch.waitForConfirmsOrDie(5000);
            ch.basicAck(again.getEnvelope().getDeliveryTag(), false);

            assertThat(ch.messageCount(queue)).isZero();
            assertThat(ch.messageCount(queue + ".dlq")).isEqualTo(1);
            GetResponse dead = ch.basicGet(queue + ".dlq", true);
            assertThat(dead.getProps().getMessageId()).isEqualTo("evt-1");
            assertThat(ch.basicGet(queue, true)).isNull();
        }
    }

    @Test
    void amqpToleratesRabbitQueueArguments() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(DevStack.HOST);
        cf.setPort(stack.amqpPort());
        try (Connection connection = cf.newConnection();
             Channel ch = connection.createChannel()) {
            // RabbitMQ-only arguments are logged and ignored (queue.behaviourOnUnknownDeclareArgument=LOG)
            ch.queueDeclare("devstack-test.with-args", true, false, false,
                    Map.of("x-dead-letter-exchange", "devstack.dlx"));
            ch.queueDelete("devstack-test.with-args");
        }
    }

    @Test
    void mongoInsertAndFind() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoCollection<Document> bases = client.getDatabase("sunshine_devstack_test").getCollection("bases");
            bases.insertOne(new Document("_id", "base-1").append("name", "应城职业技术学校").append("division", "420981"));
            Document found = bases.find(new Document("division", "420981")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("应城职业技术学校");
            assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
                    .isIn(1, 1.0);
        }
    }

    @Test
    void mongoDataSurvivesARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/mongo.mv");
        int port = freePort();
        try (MongoWire mongo = MongoWire.start(file, DevStack.HOST, port);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("keep").getCollection("c").insertOne(new Document("_id", 1).append("v", "kept"));
        }
        assertThat(file).exists();
        try (MongoWire mongo = MongoWire.start(file, DevStack.HOST, port);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            assertThat(client.getDatabase("keep").getCollection("c").find().first()).containsEntry("v", "kept");
        }
    }

    @Test
    void nonUniqueIndexesExistAndAreRebuiltAfterARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mongo.mv");
        int port = freePort();
        try (MongoWire mongo = MongoWire.start(file, DevStack.HOST, port);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> c = client.getDatabase("keep").getCollection("ledgers");
            c.createIndex(new Document("division", 1));
            c.insertMany(List.of(new Document("_id", "a").append("division", "420981").append("version", 0),
                    new Document("_id", "b").append("division", "420981").append("version", 0),
                    new Document("_id", "c").append("division", "420982").append("version", 0)));
        }
        try (MongoWire mongo = MongoWire.start(file, DevStack.HOST, port);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> c = client.getDatabase("keep").getCollection("ledgers");
            assertThat(c.listIndexes().map(i -> i.getString("name")).into(new ArrayList<>())).contains("_id_", "division_1");
            assertThat(c.find(new Document("division", "420981")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactly("a", "b");
            assertThat(c.updateOne(new Document("_id", "b").append("version", 0),
                    new Document("$set", new Document("division", "420982").append("version", 1))).getModifiedCount()).isEqualTo(1);
            assertThat(c.find(new Document("division", "420982")).map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactly("b", "c");
        }
    }

    @Test
    void issuerMintsVerifiableTokens() throws Exception {
        HttpResponse<String> r = get("/dev/tokens/county-officer-yingcheng");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).contains("\"username\":\"county-officer-yingcheng\"");
        String token = field(r.body(), "token");
        assertThat(token.split("\\.")).hasSize(3);

        JWKSet keys = JWKSet.parse(get("/.well-known/jwks.json").body());
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeys().get(0).toRSAKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(DevTokens.ISSUER);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("county-officer-yingcheng");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("COUNTY_OFFICER");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("division")).isEqualTo("420981");
    }

    @Test
    void issuerBaseStaffTokens() throws Exception {
        SignedJWT viaUser = SignedJWT.parse(field(get("/dev/tokens/county-officer-anlu?baseId=b-42").body(), "token"));
        assertThat(viaUser.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("BASE_STAFF");
        assertThat(viaUser.getJWTClaimsSet().getStringClaim("division")).isEqualTo("420982");
        assertThat(viaUser.getJWTClaimsSet().getStringClaim("baseId")).isEqualTo("b-42");

        HttpResponse<String> r = get("/dev/tokens/base-staff?division=420981&baseId=b-7");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(field(r.body(), "username")).isEqualTo("base-staff-b-7");
        SignedJWT staff = SignedJWT.parse(field(r.body(), "token"));
        assertThat(staff.getJWTClaimsSet().getStringClaim("division")).isEqualTo("420981");
        assertThat(staff.getJWTClaimsSet().getStringClaim("baseId")).isEqualTo("b-7");

        assertThat(get("/dev/tokens/base-staff").statusCode()).isEqualTo(400);
        assertThat(get("/dev/tokens/base-staff?division=42&baseId=b-7").statusCode()).isEqualTo(400);
        HttpResponse<String> raw = get("/dev/tokens/operator?format=raw");
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(raw.body().trim().split("\\.")).hasSize(3);
    }

    @Test
    void issuerListsUsersAndRejectsUnknownOnes() throws Exception {
        HttpResponse<String> users = get("/dev/users");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).startsWith("[").contains("\"displayName\":\"应城市阳光办 张主任\"");
        for (DevUser u : DevUser.demoUsers()) {
            assertThat(users.body()).contains("\"username\":\"" + u.username() + "\"");
        }
        HttpResponse<String> unknown = get("/dev/tokens/nobody");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).startsWith("{").contains("\"error\":\"unknown user\"");
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(stack.issuerUrl() + "/dev/users"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
    }

    @Test
    void tokenEndpointIssuesAClientCredentialsTokenForARegisteredServiceClient() throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString(
                ("placement-service:" + ServiceClients.PLACEMENT_DEV_SECRET).getBytes(StandardCharsets.UTF_8));
        java.time.Instant before = java.time.Instant.now();
        HttpResponse<String> r = token("grant_type=client_credentials&scope=contacts%3Aread", "Basic " + basic);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
        assertThat(field(r.body(), "token_type")).isEqualTo("Bearer");
        assertThat(field(r.body(), "scope")).isEqualTo("contacts:read");
        assertThat(r.body()).contains("\"expires_in\":300");

        SignedJWT jwt = SignedJWT.parse(field(r.body(), "access_token"));
        JWKSet keys = JWKSet.parse(get("/.well-known/jwks.json").body());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeys().get(0).toRSAKey()))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(DevTokens.ISSUER);
        assertThat(claims.getAudience()).containsExactly("enrollment-service");
        assertThat(claims.getStringClaim("scope")).isEqualTo("contacts:read");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("placement-service");
        assertThat(claims.getStringClaim("azp")).isEqualTo("placement-service");
        assertThat(claims.getSubject()).isEqualTo("placement-service");
        assertThat(claims.getStringClaim("division")).isEqualTo("420000");
        assertThat(claims.getClaim("roles")).as("a service token carries no roles").isNull();
        assertThat(claims.getExpirationTime().toInstant())
                .isBetween(before.plusSeconds(295), java.time.Instant.now().plusSeconds(301));

        // client_secret_post, no scope asked: the client's scopes
        HttpResponse<String> post = token("grant_type=client_credentials&client_id=placement-service&client_secret="
                + ServiceClients.PLACEMENT_DEV_SECRET, null);
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(field(post.body(), "access_token")).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("contacts:read");
    }

    @Test
    void tokenEndpointRefusesAWrongSecretAnUnknownClientAndWhatTheClientMayNotHave() throws Exception {
        String wrong = java.util.Base64.getEncoder().encodeToString("placement-service:guess".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = token("grant_type=client_credentials", "Basic " + wrong);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic "));
        assertThat(field(r.body(), "error")).isEqualTo("invalid_client");
        assertThat(r.body()).contains("\"error_description\"").doesNotContain("access_token");

        assertThat(field(token("grant_type=client_credentials&client_id=placement-service&client_secret=guess", null)
                .body(), "error")).isEqualTo("invalid_client");
        assertThat(token("grant_type=client_credentials&client_id=subsidy-service&client_secret="
                + ServiceClients.PLACEMENT_DEV_SECRET, null).statusCode()).as("unknown client").isEqualTo(401);
        assertThat(token("grant_type=client_credentials", null).statusCode()).as("no client at all").isEqualTo(401);

        String good = "client_id=placement-service&client_secret=" + ServiceClients.PLACEMENT_DEV_SECRET;
        HttpResponse<String> password = token("grant_type=password&" + good, null);
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(field(password.body(), "error")).isEqualTo("unsupported_grant_type");
        HttpResponse<String> more = token("grant_type=client_credentials&scope=contacts%3Aread+payments%3Asettle&" + good, null);
        assertThat(more.statusCode()).isEqualTo(400);
        assertThat(field(more.body(), "error")).isEqualTo("invalid_scope");
        assertThat(field(token("scope=contacts%3Aread&" + good, null).body(), "error")).isEqualTo("invalid_request");

        HttpResponse<String> get = get(TokenIssuer.TOKEN_PATH);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void usesWhatAlreadyAnswersOnTheMongoAndAmqpPorts(@TempDir Path otherData) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DevStack.Settings s = new DevStack.Settings(stack.settings().mongoPort(), stack.amqpPort(), freePort(),
                otherData, false);
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
             DevStack second = DevStack.start(s, out)) {
            assertThat(second.mongoEmbedded()).isFalse();
            assertThat(second.amqpEmbedded()).isFalse();
        }
        String output = buf.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("mongo: something already answers", "amqp: a broker already answers",
                DevStack.READY);
        assertThat(Files.exists(otherData.resolve("mongo.mv"))).isFalse();
    }

    @Test
    void refusesABusyIssuerPort() {
        DevStack.Settings s = new DevStack.Settings(stack.settings().mongoPort(), stack.amqpPort(),
                stack.settings().issuerPort(), dataDir, false);
        assertThatThrownBy(() -> DevStack.start(s, new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("already in use");
    }

    @Test
    void parsesOptionsAndSystemProperties() {
        DevStack.Settings d = DevStack.Settings.parse(new String[0]);
        assertThat(d.mongoPort()).isEqualTo(27017);
        assertThat(d.amqpPort()).isEqualTo(5672);
        assertThat(d.issuerPort()).isEqualTo(9000);
        assertThat(d.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());

        DevStack.Settings s = DevStack.Settings.parse(new String[] {
                "--mongo-port=27018", "--amqp-port=5673", "--issuer-port=9001", "--data-dir=/tmp/x", "--verbose"});
        assertThat(s).isEqualTo(new DevStack.Settings(27018, 5673, 9001, Path.of("/tmp/x"), true));

        System.setProperty("devstack.issuer-port", "9009");
        try {
            assertThat(DevStack.Settings.parse(new String[0]).issuerPort()).isEqualTo(9009);
            assertThat(DevStack.Settings.parse(new String[] {"--issuer-port=9010"}).issuerPort()).isEqualTo(9010);
        } finally {
            System.clearProperty("devstack.issuer-port");
        }
        assertThatThrownBy(() -> DevStack.Settings.parse(new String[] {"--mongo=1"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DevStack.Settings.parse(new String[] {"--amqp-port=x"}))
                .isInstanceOf(IllegalArgumentException.class);

        // --bind: loopback unless told; inside a container 0.0.0.0.
        assertThat(d.bind()).isEqualTo("127.0.0.1");
        assertThat(DevStack.Settings.parse(new String[] {"--bind=0.0.0.0"}).bind()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> DevStack.Settings.parse(new String[] {"--bind=mongo.example"}))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(d.issuerOnly()).isFalse();
        assertThat(DevStack.Settings.parse(new String[] {"--issuer-only"}).issuerOnly()).isTrue();
    }

    @Test
    void issuerOnlyStartsNeitherMongoNorABroker(@TempDir Path otherData) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DevStack.Settings s = new DevStack.Settings(freePort(), freePort(), freePort(), otherData, DevStack.HOST, false,
                true);
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
             DevStack only = DevStack.start(s, out)) {
            assertThat(only.mongoEmbedded()).isFalse();
            assertThat(only.amqpEmbedded()).isFalse();
            assertThat(Ports.answers(DevStack.HOST, s.mongoPort())).isFalse();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(only.issuerUrl() + "/dev/users")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("mongo: not started (--issuer-only)", DevStack.READY);
    }

    @Test
    void jsonEscapes() {
        assertThat(Json.write(Map.of("k", "a\"b\\c\n\u0001")))
                .isEqualTo("{\"k\":\"a\\\"b\\\\c\\n\\u0001\"}");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(stack.issuerUrl() + path)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> token(String form, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.issuerUrl() + TokenIssuer.TOKEN_PATH))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
