package org.kojinext.hub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.kojinext.hub.api.ArchiveApi;
import org.kojinext.hub.api.BuildApi;
import org.kojinext.hub.api.BuildingApi;
import org.kojinext.hub.api.BuildrootApi;
import org.kojinext.hub.api.ChannelApi;
import org.kojinext.hub.api.ExternalRepoApi;
import org.kojinext.hub.api.GroupApi;
import org.kojinext.hub.api.HistoryApi;
import org.kojinext.hub.api.HostApi;
import org.kojinext.hub.api.HostBuildCallsApi;
import org.kojinext.hub.api.HostBuildrootCallsApi;
import org.kojinext.hub.api.HostCallsApi;
import org.kojinext.hub.api.HostRepoCallsApi;
import org.kojinext.hub.api.HostTagCallsApi;
import org.kojinext.hub.api.InheritanceApi;
import org.kojinext.hub.api.IntrospectionApi;
import org.kojinext.hub.api.PackageApi;
import org.kojinext.hub.api.PackageListApi;
import org.kojinext.hub.api.PermissionApi;
import org.kojinext.hub.api.RepoApi;
import org.kojinext.hub.api.RpmApi;
import org.kojinext.hub.api.SessionApi;
import org.kojinext.hub.api.TagApi;
import org.kojinext.hub.api.TagGroupApi;
import org.kojinext.hub.api.TaggingApi;
import org.kojinext.hub.api.TargetApi;
import org.kojinext.hub.api.TaskApi;
import org.kojinext.hub.api.UploadApi;
import org.kojinext.hub.api.UserApi;
import org.kojinext.hub.api.VolumeApi;
import org.kojinext.hub.auth.AdminBootstrap;
import org.kojinext.hub.auth.SessionStore;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.EmbeddedPostgresServer;
import org.kojinext.hub.events.ChangeFeed;
import org.kojinext.hub.events.PgListener;
import org.kojinext.hub.events.TaskEvents;
import org.kojinext.hub.http.HubServer;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.repos.RepoDone;
import org.kojinext.hub.repos.RepoInit;
import org.kojinext.hub.repos.RepoService;
import org.kojinext.hub.repos.RepoSettings;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Dispatcher;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.RequestRunner;
import org.kojinext.hub.scheduler.Dispatch;
import org.kojinext.hub.storage.RunningDigests;
import org.kojinext.hub.storage.Uploads;
import org.kojinext.hub.storage.Volumes;
import org.kojinext.hub.tagging.TaggedBuilds;

/**
 * A running hub: its database (embedded or configured), its methods and its HTTP server. Tests
 * start it in-process; {@link HubMain} starts it from the command line.
 */
public final class Hub implements AutoCloseable {
    private final EmbeddedPostgresServer embedded;
    private final Database database;
    private final PgListener listener;
    private final ChangeFeed changes;
    private final Dispatch dispatch;
    private final HubServer server;
    private final MethodRegistry registry;

    private Hub(EmbeddedPostgresServer embedded, Database database, PgListener listener, ChangeFeed changes,
                Dispatch dispatch, HubServer server, MethodRegistry registry) {
        this.embedded = embedded;
        this.database = database;
        this.listener = listener;
        this.changes = changes;
        this.dispatch = dispatch;
        this.server = server;
        this.registry = registry;
    }

    public static Hub start(HubConfig config) {
        return start(config, Volumes::onDisk);
    }

    /**
     * As {@link #start(HubConfig)}, with the volumes made by {@code storage} from storage.topdir
     * (tests wrap them to make a disk fail).
     */
    public static Hub start(HubConfig config, java.util.function.Function<java.nio.file.Path, Volumes> storage) {
        EmbeddedPostgresServer embedded = null;
        HubConfig effective = config;
        if (config.dbUrl() == null) {
            embedded = EmbeddedPostgresServer.start(config.dataDir().resolve("pgdata"));
            effective = config.withDb(embedded.jdbcUrl("postgres"), "postgres", null);
        }
        Database database = null;
        PgListener listener = null;
        ChangeFeed changes = null;
        Dispatch dispatch = null;
        try {
            database = Database.open(effective.dbUrl(), effective.dbUser(), effective.dbPassword(),
                    effective.dbPoolSize());
            AdminBootstrap.ensureAdmin(database, effective.adminPassword(), effective.dataDir());
            listener = new PgListener(database);
            changes = ChangeFeed.attach(database, listener);
            dispatch = new Dispatch(database, TaskEvents.attach(listener), effective.dispatch());
            listener.subscribe(ChangeFeed.CHANNEL, dispatch.configChanges());
            listener.start(Duration.ofSeconds(5));
            dispatch.start();
            SessionStore sessions = new SessionStore(effective.sessionRenewalTimeout());
            Volumes volumes = storage.apply(effective.storageTopdir());
            Uploads uploads = new Uploads(volumes, new RunningDigests());
            MethodRegistry registry = registry(database, sessions, changes, dispatch, effective.storageTopdir(),
                    volumes, uploads);
            RequestRunner runner = new RequestRunner(database, new Dispatcher(registry), sessions,
                    effective.checkClientIp(), changes);
            HubServer server = HubServer.start(effective, runner, database, dispatch, volumes, uploads);
            return new Hub(embedded, database, listener, changes, dispatch, server, registry);
        } catch (RuntimeException e) {
            if (dispatch != null) {
                dispatch.close();
            }
            if (listener != null) {
                listener.close();
            }
            if (changes != null) {
                changes.close();
            }
            if (database != null) {
                database.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** Every API module of the hub, in the order list-api shows them. */
    static MethodRegistry registry(Database database, SessionStore sessions, ChangeFeed changes, Dispatch dispatch,
                                   java.nio.file.Path topdir, Volumes volumes, Uploads uploads) {
        AtomicReference<MethodRegistry> self = new AtomicReference<>();
        UserApi users = new UserApi(changes);
        TagView tags = new TagView();
        List<ApiModule> modules = List.of(
                new IntrospectionApi(self::get),
                new SessionApi(sessions, users),
                users,
                new PermissionApi(users),
                new GroupApi(users),
                new TagApi(),
                new InheritanceApi(),
                new TargetApi(),
                new PackageApi(),
                new PackageListApi(tags, users),
                new TagGroupApi(),
                new BuildApi(users, changes),
                new RpmApi(volumes),
                new VolumeApi(),
                new ArchiveApi(),
                new TaggingApi(tags, users, changes),
                new BuildingApi(),
                new RepoApi(new RepoService(database, changes, dispatch, RepoSettings.KOJI),
                        dispatch.config().holdTimeout()),
                new ExternalRepoApi(),
                new HistoryApi(users),
                new TaskApi(topdir),
                new HostApi(),
                new ChannelApi(),
                new HostCallsApi(dispatch),
                new HostBuildCallsApi(volumes),
                new HostTagCallsApi(tags, users),
                new HostRepoCallsApi(new RepoInit(topdir, new TaggedBuilds(tags, changes)), new RepoDone(topdir)),
                new BuildrootApi(),
                new HostBuildrootCallsApi(),
                new UploadApi(uploads));
        MethodRegistry registry = MethodRegistry.of(modules);
        self.set(registry);
        return registry;
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    /** What this hub knows of committed changes; its caches follow it. */
    public ChangeFeed changes() {
        return changes;
    }

    /** This hub's scheduler and held builder calls. */
    public Dispatch dispatch() {
        return dispatch;
    }

    /** HTTP requests this hub has received since it started. */
    public long requestsReceived() {
        return server.requestsReceived();
    }

    public MethodRegistry methods() {
        return registry;
    }

    @Override
    public void close() {
        server.close();
        dispatch.close();
        listener.close();
        changes.close();
        database.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
