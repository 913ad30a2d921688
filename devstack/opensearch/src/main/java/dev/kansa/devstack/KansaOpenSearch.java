package dev.kansa.devstack;

import org.apache.logging.log4j.LogManager;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.ingest.common.IngestCommonPlugin;
import org.opensearch.join.ParentJoinPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.ExtensiblePlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin;
import org.opensearch.transport.Netty4Plugin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local OpenSearch node for development and tests, built from the Maven Central jars
 * instead of the tarball distribution. Usage: KansaOpenSearch DATA_DIR [HTTP_PORT [TRANSPORT_PORT]]
 * (or -Dkansa.dataDir, -Dkansa.http.port, -Dkansa.transport.port). No security plugin: dev only.
 * Alone it is a single-node cluster. With -Dkansa.seedHosts (loopback transport addresses of the
 * others), -Dkansa.clusterManagers (the node names that bootstrap the cluster), -Dkansa.nodeName and
 * -Dkansa.clusterName it joins a multi-node cluster on this machine.
 * cluster.default_number_of_replicas is a cluster (not node) setting, so the launcher sets it once up.
 */
public final class KansaOpenSearch extends Node {

    // Bundled modules of the distribution that the app relies on; they are on the classpath, not in modules/.
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,
        PainlessPlugin.class,
        CommonAnalysisPlugin.class,
        MapperExtrasPlugin.class,
        ParentJoinPlugin.class,
        ReindexPlugin.class,
        MatrixAggregationPlugin.class,
        IngestCommonPlugin.class
    );

    private KansaOpenSearch(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Paths.get(arg(args, 0, "kansa.dataDir", null)).toAbsolutePath();
        int httpPort = Integer.parseInt(arg(args, 1, "kansa.http.port", "9200"));
        int transportPort = Integer.parseInt(arg(args, 2, "kansa.transport.port", String.valueOf(httpPort + 100)));

        Path configDir = dataDir.resolve("config");
        Files.createDirectories(configDir);
        Files.createDirectories(dataDir.resolve("logs"));
        Files.writeString(configDir.resolve("log4j2.properties"), LOG4J_CONFIG, StandardCharsets.UTF_8);

        String nodeName = System.getProperty("kansa.nodeName", "kansa-node-0");
        String seedHosts = System.getProperty("kansa.seedHosts", "");
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", System.getProperty("kansa.clusterName", "kansa-dev"))
            .put("node.name", nodeName)
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("path.home", dataDir.toString())
            .put("path.data", dataDir.resolve("data").toString())
            .put("path.logs", dataDir.resolve("logs").toString())
            // A nearly full dev disk would otherwise turn indices read-only, which looks like an app bug.
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        if (seedHosts.isEmpty()) {
            builder.put("discovery.type", "single-node");
        } else {
            builder.putList("discovery.seed_hosts", List.of(seedHosts.split(",")));
            // Only read when the cluster forms for the first time; a restarted node rejoins from its data.
            builder.putList("cluster.initial_cluster_manager_nodes", List.of(System.getProperty("kansa.clusterManagers", nodeName).split(",")));
        }
        Settings settings = builder.build();

        // Bootstrap would do this; without it log4j's status logger errors go unseen.
        LogConfigurator.registerErrorListener();
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), configDir, () -> nodeName);
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.configure(env);

        loadPainlessExtensions();

        KansaOpenSearch node = new KansaOpenSearch(env, PLUGINS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (node.awaitClose(20, TimeUnit.SECONDS) == false) {
                    System.err.println("kansa-opensearch: node did not close within 20s");
                }
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                // log4j's own shutdown hook is disabled by the launcher so the node can log while closing.
                LogManager.shutdown();
                stopped.countDown();
            }
        }, "kansa-opensearch-shutdown"));

        node.start();
        System.out.println("kansa-opensearch: started http://127.0.0.1:" + httpPort);
        // Every node thread is a daemon thread; the main thread is what keeps the JVM alive.
        stopped.await();
    }

    /**
     * Plugins given as classes skip PluginsService's extension loading, so analysis-common's and
     * ingest-common's painless allowlists (e.g. Processors.* in ingest scripts) would be missing.
     * PainlessPlugin keeps its allowlists in a static map, so filling it before the node builds
     * its script engine is enough.
     */
    private static void loadPainlessExtensions() {
        new PainlessPlugin().loadExtensions(new ExtensiblePlugin.ExtensionLoader() {
            @Override
            public <T> List<T> loadExtensions(Class<T> type) {
                List<T> found = new ArrayList<>();
                ServiceLoader.load(type, KansaOpenSearch.class.getClassLoader()).forEach(found::add);
                return found;
            }
        });
    }

    private static String arg(String[] args, int index, String property, String fallback) {
        if (args.length > index) {
            return args[index];
        }
        String value = System.getProperty(property, fallback);
        if (value == null) {
            throw new IllegalArgumentException("usage: KansaOpenSearch DATA_DIR [HTTP_PORT [TRANSPORT_PORT]]");
        }
        return value;
    }

    private static final String LOG4J_CONFIG = String.join(
        "\n",
        "status = error",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
        // stdout goes to the launcher's log, which it only shows when the JVM dies early.
        "appender.console.filter.threshold.type = ThresholdFilter",
        "appender.console.filter.threshold.level = warn",
        "appender.file.type = RollingFile",
        "appender.file.name = file",
        "appender.file.fileName = ${sys:opensearch.logs.base_path}${sys:file.separator}opensearch.log",
        "appender.file.filePattern = ${sys:opensearch.logs.base_path}${sys:file.separator}opensearch-%i.log.gz",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
        "appender.file.policies.type = Policies",
        "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
        "appender.file.policies.size.size = 64MB",
        "appender.file.strategy.type = DefaultRolloverStrategy",
        "appender.file.strategy.max = 4",
        // Turns deprecation log lines into HTTP Warning headers, as the distribution does.
        "appender.header_warning.type = HeaderWarningAppender",
        "appender.header_warning.name = header_warning",
        "rootLogger.level = info",
        "rootLogger.appenderRef.console.ref = console",
        "rootLogger.appenderRef.file.ref = file",
        "logger.deprecation.name = org.opensearch.deprecation",
        "logger.deprecation.level = info",
        "logger.deprecation.additivity = false",
        "logger.deprecation.appenderRef.file.ref = file",
        "logger.deprecation.appenderRef.header_warning.ref = header_warning",
        ""
    );
}
