-- Koji's data model for tags, packages, builds and their content: Koji 1.35's table and
-- column names and meanings, so that a Koji database can be adopted (every object is created
-- only if missing; seed rows are skipped when present).
--
-- Versioned tables carry create_event, revoke_event, creator_id, revoker_id and active: a
-- row is live while active is TRUE (never FALSE, so UNIQUE(..., active) binds live rows
-- only); a change revokes the live row and inserts its successor; nothing is deleted.
--
-- Koji's build.task_id and the buildroot_id columns reference tables that arrive with tasks
-- and buildroots; those foreign keys are added by the migrations that create the tables.

CREATE TABLE IF NOT EXISTS package (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR UNIQUE NOT NULL
);

CREATE TABLE IF NOT EXISTS volume (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR UNIQUE NOT NULL
);

CREATE TABLE IF NOT EXISTS content_generator (
    id SERIAL PRIMARY KEY,
    name VARCHAR UNIQUE NOT NULL
);

-- One row per build, identified by its N-V-R (epoch is not part of the identity).
CREATE TABLE IF NOT EXISTS build (
    id SERIAL NOT NULL PRIMARY KEY,
    volume_id INTEGER NOT NULL REFERENCES volume(id),
    pkg_id INTEGER NOT NULL REFERENCES package(id) DEFERRABLE,
    version VARCHAR NOT NULL,
    release VARCHAR NOT NULL,
    epoch INTEGER,
    draft BOOLEAN NOT NULL DEFAULT FALSE,
    source VARCHAR,
    create_event INTEGER NOT NULL REFERENCES events(id),
    start_time TIMESTAMPTZ,
    completion_time TIMESTAMPTZ,
    promotion_time TIMESTAMPTZ,
    state INTEGER NOT NULL,
    task_id INTEGER,
    owner INTEGER NOT NULL REFERENCES users(id),
    promoter INTEGER REFERENCES users(id),
    cg_id INTEGER REFERENCES content_generator(id),
    extra VARCHAR,
    CONSTRAINT build_pkg_ver_rel UNIQUE (pkg_id, version, release),
    CONSTRAINT draft_for_rpminfo UNIQUE (id, draft),
    CONSTRAINT completion_sane CHECK ((state = 0 AND completion_time IS NULL)
        OR (state <> 0 AND completion_time IS NOT NULL)),
    CONSTRAINT promotion_sane CHECK (NOT draft OR (promotion_time IS NULL AND promoter IS NULL))
);
CREATE INDEX IF NOT EXISTS build_by_pkg_id ON build (pkg_id);
CREATE INDEX IF NOT EXISTS build_completion ON build (completion_time);

CREATE TABLE IF NOT EXISTS btype (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR UNIQUE NOT NULL
);

CREATE TABLE IF NOT EXISTS build_types (
    build_id INTEGER NOT NULL REFERENCES build(id),
    btype_id INTEGER NOT NULL REFERENCES btype(id),
    PRIMARY KEY (build_id, btype_id)
);

-- A tag exists while it has a live tag_config row; deleting a tag revokes its configuration.
CREATE TABLE IF NOT EXISTS tag (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR UNIQUE NOT NULL
);

-- priority: lower is consulted first. maxdepth NULL: unlimited. intransitive: followed only
-- from the tag being queried. noconfig: configuration is not inherited through this link.
-- pkg_filter: a regular expression that package names must match from their start.
CREATE TABLE IF NOT EXISTS tag_inheritance (
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    parent_id INTEGER NOT NULL REFERENCES tag(id),
    priority INTEGER NOT NULL,
    maxdepth INTEGER,
    intransitive BOOLEAN NOT NULL DEFAULT FALSE,
    noconfig BOOLEAN NOT NULL DEFAULT FALSE,
    pkg_filter VARCHAR,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT tag_inheritance_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, tag_id, priority),
    UNIQUE (tag_id, priority, active),
    UNIQUE (tag_id, parent_id, active)
);
CREATE INDEX IF NOT EXISTS tag_inheritance_by_parent ON tag_inheritance (parent_id);

-- perm_id: the permission needed to tag into the tag, if any.
CREATE TABLE IF NOT EXISTS tag_config (
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    arches VARCHAR,
    perm_id INTEGER REFERENCES permissions(id),
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    maven_support BOOLEAN NOT NULL DEFAULT FALSE,
    maven_include_all BOOLEAN NOT NULL DEFAULT FALSE,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT tag_config_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, tag_id),
    UNIQUE (tag_id, active)
);

-- value is JSON text; NULL blocks the key, so it is not inherited from parents.
CREATE TABLE IF NOT EXISTS tag_extra (
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    key VARCHAR NOT NULL,
    value VARCHAR,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT tag_extra_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, tag_id, key),
    UNIQUE (tag_id, key, active)
);

-- Changes to a tag's content that no versioned row records (update_type: 0 volume change,
-- 1 import, 2 manual, 3 draft promotion).
CREATE TABLE IF NOT EXISTS tag_updates (
    id SERIAL NOT NULL PRIMARY KEY,
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    update_event INTEGER NOT NULL REFERENCES events(id),
    updater_id INTEGER NOT NULL REFERENCES users(id),
    update_type INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tag_updates_by_tag ON tag_updates (tag_id);
CREATE INDEX IF NOT EXISTS tag_updates_by_event ON tag_updates (update_event);

CREATE TABLE IF NOT EXISTS build_target (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR UNIQUE NOT NULL
);

CREATE TABLE IF NOT EXISTS build_target_config (
    build_target_id INTEGER NOT NULL REFERENCES build_target(id),
    build_tag INTEGER NOT NULL REFERENCES tag(id),
    dest_tag INTEGER NOT NULL REFERENCES tag(id),
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT build_target_config_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, build_target_id),
    UNIQUE (build_target_id, active)
);

CREATE TABLE IF NOT EXISTS external_repo (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR UNIQUE NOT NULL
);

CREATE TABLE IF NOT EXISTS archivetypes (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    description VARCHAR NOT NULL,
    extensions VARCHAR NOT NULL,
    compression_type VARCHAR
);

-- checksum_type: 0 md5, 1 sha1, 2 sha256. Koji Next stores sha256 for every file it imports.
CREATE TABLE IF NOT EXISTS archiveinfo (
    id SERIAL NOT NULL PRIMARY KEY,
    type_id INTEGER NOT NULL REFERENCES archivetypes(id),
    btype_id INTEGER REFERENCES btype(id),
    build_id INTEGER NOT NULL REFERENCES build(id),
    buildroot_id INTEGER,
    filename VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    checksum VARCHAR NOT NULL,
    checksum_type INTEGER NOT NULL,
    metadata_only BOOLEAN NOT NULL DEFAULT FALSE,
    extra VARCHAR
);
CREATE INDEX IF NOT EXISTS archiveinfo_build_idx ON archiveinfo (build_id);
CREATE INDEX IF NOT EXISTS archiveinfo_buildroot_idx ON archiveinfo (buildroot_id);
CREATE INDEX IF NOT EXISTS archiveinfo_type_idx ON archiveinfo (type_id);
CREATE INDEX IF NOT EXISTS archiveinfo_filename_idx ON archiveinfo (filename);

-- payloadhash: the header's SIGMD5, in hex. A build's rpms have external_repo_id 0 and a
-- draft flag that follows the build's; rpms of external repositories have no build.
CREATE TABLE IF NOT EXISTS rpminfo (
    id SERIAL NOT NULL PRIMARY KEY,
    build_id INTEGER,
    buildroot_id INTEGER,
    name VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    release VARCHAR NOT NULL,
    epoch INTEGER,
    arch VARCHAR(16) NOT NULL,
    draft BOOLEAN,
    external_repo_id INTEGER NOT NULL REFERENCES external_repo(id),
    payloadhash VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    buildtime BIGINT NOT NULL,
    metadata_only BOOLEAN NOT NULL DEFAULT FALSE,
    extra VARCHAR,
    FOREIGN KEY (build_id, draft) REFERENCES build (id, draft) ON UPDATE CASCADE,
    CONSTRAINT build_id_draft_external_repo_id_sane CHECK (
        (draft IS NULL AND build_id IS NULL AND external_repo_id <> 0)
        OR (draft IS NOT NULL AND build_id IS NOT NULL AND external_repo_id = 0))
);
CREATE INDEX IF NOT EXISTS rpminfo_build ON rpminfo (build_id);
CREATE INDEX IF NOT EXISTS rpminfo_nvra ON rpminfo (name, version, release, arch, external_repo_id);

-- sigkey: the signing key's short id in lowercase hex, '' for the unsigned copy.
CREATE TABLE IF NOT EXISTS rpmsigs (
    rpm_id INTEGER NOT NULL REFERENCES rpminfo(id),
    sigkey VARCHAR NOT NULL,
    sighash VARCHAR NOT NULL,
    CONSTRAINT rpmsigs_no_resign UNIQUE (rpm_id, sigkey)
);

CREATE TABLE IF NOT EXISTS rpm_checksum (
    rpm_id INTEGER NOT NULL REFERENCES rpminfo(id),
    sigkey VARCHAR NOT NULL,
    checksum VARCHAR NOT NULL UNIQUE,
    checksum_type SMALLINT NOT NULL,
    PRIMARY KEY (rpm_id, sigkey, checksum_type)
);
CREATE INDEX IF NOT EXISTS rpm_checksum_rpm_id ON rpm_checksum (rpm_id);

-- A build tagged into a tag. Retagging revokes the row and inserts a new one, which makes the
-- build the most recently tagged, i.e. the latest.
CREATE TABLE IF NOT EXISTS tag_listing (
    build_id INTEGER NOT NULL REFERENCES build(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT tag_listing_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, build_id, tag_id),
    UNIQUE (build_id, tag_id, active)
);
CREATE INDEX IF NOT EXISTS tag_listing_tag_id_key ON tag_listing (tag_id);

-- Which packages may be tagged where. blocked hides the package here and below, and stops
-- it from being inherited from further up.
CREATE TABLE IF NOT EXISTS tag_packages (
    package_id INTEGER NOT NULL REFERENCES package(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    blocked BOOLEAN NOT NULL DEFAULT FALSE,
    extra_arches VARCHAR,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT tag_packages_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, package_id, tag_id),
    UNIQUE (package_id, tag_id, active)
);
CREATE INDEX IF NOT EXISTS tag_packages_active_tag_id ON tag_packages (active, tag_id);
CREATE INDEX IF NOT EXISTS tag_packages_create_event ON tag_packages (create_event);
CREATE INDEX IF NOT EXISTS tag_packages_revoke_event ON tag_packages (revoke_event);

CREATE TABLE IF NOT EXISTS tag_package_owners (
    package_id INTEGER NOT NULL REFERENCES package(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    owner INTEGER NOT NULL REFERENCES users(id),
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT tag_package_owners_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, package_id, tag_id),
    UNIQUE (package_id, tag_id, active)
);

/* [jooq ignore start] */
-- Koji's TEXT columns are declared VARCHAR above only because jOOQ's build-time reader keeps
-- its schema in H2, which cannot index TEXT. In PostgreSQL the two are the same type; this turns
-- them into TEXT, as in Koji (no rewrite, and nothing to do on an adopted Koji database).
ALTER TABLE package ALTER COLUMN name TYPE TEXT;
ALTER TABLE volume ALTER COLUMN name TYPE TEXT;
ALTER TABLE content_generator ALTER COLUMN name TYPE TEXT;
ALTER TABLE build ALTER COLUMN version TYPE TEXT;
ALTER TABLE build ALTER COLUMN release TYPE TEXT;
ALTER TABLE build ALTER COLUMN source TYPE TEXT;
ALTER TABLE build ALTER COLUMN extra TYPE TEXT;
ALTER TABLE btype ALTER COLUMN name TYPE TEXT;
ALTER TABLE tag ALTER COLUMN name TYPE TEXT;
ALTER TABLE tag_inheritance ALTER COLUMN pkg_filter TYPE TEXT;
ALTER TABLE tag_config ALTER COLUMN arches TYPE TEXT;
ALTER TABLE tag_extra ALTER COLUMN key TYPE TEXT;
ALTER TABLE tag_extra ALTER COLUMN value TYPE TEXT;
ALTER TABLE build_target ALTER COLUMN name TYPE TEXT;
ALTER TABLE external_repo ALTER COLUMN name TYPE TEXT;
ALTER TABLE archivetypes ALTER COLUMN name TYPE TEXT;
ALTER TABLE archivetypes ALTER COLUMN description TYPE TEXT;
ALTER TABLE archivetypes ALTER COLUMN extensions TYPE TEXT;
ALTER TABLE archivetypes ALTER COLUMN compression_type TYPE TEXT;
ALTER TABLE archiveinfo ALTER COLUMN filename TYPE TEXT;
ALTER TABLE archiveinfo ALTER COLUMN checksum TYPE TEXT;
ALTER TABLE archiveinfo ALTER COLUMN extra TYPE TEXT;
ALTER TABLE rpminfo ALTER COLUMN name TYPE TEXT;
ALTER TABLE rpminfo ALTER COLUMN version TYPE TEXT;
ALTER TABLE rpminfo ALTER COLUMN release TYPE TEXT;
ALTER TABLE rpminfo ALTER COLUMN payloadhash TYPE TEXT;
ALTER TABLE rpminfo ALTER COLUMN extra TYPE TEXT;
ALTER TABLE rpmsigs ALTER COLUMN sigkey TYPE TEXT;
ALTER TABLE rpmsigs ALTER COLUMN sighash TYPE TEXT;
ALTER TABLE rpm_checksum ALTER COLUMN sigkey TYPE TEXT;
ALTER TABLE rpm_checksum ALTER COLUMN checksum TYPE TEXT;
ALTER TABLE tag_packages ALTER COLUMN extra_arches TYPE TEXT;

-- Seed rows, with the ids Koji gives them.
INSERT INTO volume (id, name) VALUES (0, 'DEFAULT') ON CONFLICT DO NOTHING;
INSERT INTO external_repo (id, name) VALUES (0, 'INTERNAL') ON CONFLICT DO NOTHING;
INSERT INTO btype (name) VALUES ('rpm'), ('maven'), ('win'), ('image') ON CONFLICT DO NOTHING;
INSERT INTO archivetypes (name, description, extensions, compression_type) VALUES
    ('jar', 'Jar file', 'jar war rar ear sar jdocbook jdocbook-style', 'zip'),
    ('zip', 'Zip file', 'zip', 'zip'),
    ('pom', 'Maven Project Object Management file', 'pom', NULL),
    ('tar', 'Tar file', 'tar tar.gz tar.bz2 tar.xz tgz', 'tar'),
    ('xml', 'XML file', 'xml', NULL),
    ('xmlcompressed', 'Compressed XML file', 'xml.gz xml.bz2 xml.xz', NULL),
    ('xsd', 'XML Schema Definition', 'xsd', NULL),
    ('spec', 'RPM spec file', 'spec', NULL),
    ('exe', 'Windows executable', 'exe', NULL),
    ('dll', 'Windows dynamic link library', 'dll', NULL),
    ('lib', 'Windows import library', 'lib', NULL),
    ('sys', 'Windows device driver', 'sys', NULL),
    ('inf', 'Windows driver information file', 'inf', NULL),
    ('cat', 'Windows catalog file', 'cat', NULL),
    ('msi', 'Windows Installer package', 'msi', NULL),
    ('pdb', 'Windows debug information', 'pdb', NULL),
    ('oem', 'Windows driver oem file', 'oem', NULL),
    ('iso', 'CD/DVD Image', 'iso', NULL),
    ('raw', 'Raw disk image', 'raw', NULL),
    ('qcow', 'QCOW image', 'qcow', NULL),
    ('qcow2', 'QCOW2 image', 'qcow2', NULL),
    ('vmdk', 'vSphere image', 'vmdk', NULL),
    ('ova', 'Open Virtualization Archive', 'ova', NULL),
    ('ks', 'Kickstart', 'ks', NULL),
    ('cfg', 'Configuration file', 'cfg', NULL),
    ('vdi', 'VirtualBox Virtual Disk Image', 'vdi', NULL),
    ('aar', 'Binary distribution of an Android Library project', 'aar', NULL),
    ('apklib', 'Source distribution of an Android Library project', 'apklib', NULL),
    ('cab', 'Windows cabinet file', 'cab', NULL),
    ('dylib', 'OS X dynamic library', 'dylib', NULL),
    ('gem', 'Ruby gem', 'gem', NULL),
    ('ini', 'INI config file', 'ini', NULL),
    ('js', 'Javascript file', 'js', NULL),
    ('ldif', 'LDAP Data Interchange Format file', 'ldif', NULL),
    ('manifest', 'Runtime environment for .NET applications', 'manifest', NULL),
    ('msm', 'Windows merge module', 'msm', NULL),
    ('properties', 'Properties file', 'properties', NULL),
    ('sig', 'Signature file', 'sig signature', NULL),
    ('so', 'Shared library', 'so', NULL),
    ('txt', 'Text file', 'txt', NULL),
    ('vhd', 'Hyper-V image', 'vhd', NULL),
    ('vhdx', 'Hyper-V Virtual Hard Disk v2 image', 'vhdx', NULL),
    ('wsf', 'Windows script file', 'wsf', NULL),
    ('box', 'Vagrant Box Image', 'box', NULL),
    ('raw-xz', 'xz compressed raw disk image', 'raw.xz', NULL),
    ('json', 'JSON data', 'json', NULL),
    ('key', 'Key file', 'key', NULL),
    ('dot', 'DOT graph description', 'dot gv', NULL),
    ('groovy', 'Groovy script file', 'groovy gvy', NULL),
    ('batch', 'Batch file', 'bat', NULL),
    ('shell', 'Shell script', 'sh', NULL),
    ('rc', 'Resource file', 'rc', NULL),
    ('wsdl', 'Web Services Description Language', 'wsdl', NULL),
    ('obr', 'OSGi Bundle Repository', 'obr', NULL),
    ('liveimg-squashfs', 'liveimg compatible squashfs image', 'liveimg.squashfs', NULL),
    ('tlb', 'OLE type library file', 'tlb', NULL),
    ('jnilib', 'Java Native Interface library', 'jnilib', NULL),
    ('yaml', 'YAML Aint Markup Language', 'yaml yml', NULL),
    ('xjb', 'JAXB(Java Architecture for XML Binding) Binding Customization File', 'xjb', NULL),
    ('raw-gz', 'GZIP compressed raw disk image', 'raw.gz', NULL),
    ('qcow2-compressed', 'Compressed QCOW2 image', 'qcow2.gz qcow2.xz', NULL),
    ('iso-compressed', 'Compressed iso image', 'iso.gz iso.xz', NULL),
    ('vhd-compressed', 'Compressed VHD image', 'vhd.gz vhd.xz', NULL),
    ('vhdx-compressed', 'Compressed VHDx image', 'vhdx.gz vhdx.xz', NULL),
    ('vmdk-compressed', 'Compressed VMDK image', 'vmdk.gz vmdk.xz', NULL),
    ('kernel-image', 'Kernel BZ2 Image', 'vmlinuz vmlinuz.gz vmlinuz.xz', NULL),
    ('initramfs', 'Compressed Initramfs Image', 'img', NULL),
    ('checksum', 'Checksum file', 'sha256', NULL),
    ('changes', 'Kiwi changes file', 'changes.xz changes', NULL),
    ('packages', 'Kiwi packages listing', 'packages', NULL),
    ('verified', 'Kiwi verified package list', 'verified', NULL),
    ('erofs', 'erofs image', 'erofs', NULL),
    ('erofs-compressed', 'Compressed erofs image', 'erofs.gz erofs.xz', NULL),
    ('squashfs', 'SquashFS image', 'squashfs', NULL),
    ('squashfs-compressed', 'Compressed SquashFS image', 'squashfs.gz squashfs.xz', NULL),
    ('wsl', 'Compressed tarball for Windows Subsystem for Linux', 'wsl', NULL)
ON CONFLICT DO NOTHING;

-- What jOOQ's DDL reader cannot parse: a regular-expression check and partial/expression indexes.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'draft_release_sane') THEN
        ALTER TABLE build ADD CONSTRAINT draft_release_sane
            CHECK (NOT draft OR release ~ ('^.*,draft_' || id::TEXT || '$'));
    END IF;
END;
$$;
CREATE UNIQUE INDEX IF NOT EXISTS rpminfo_unique_nvra_not_draft
    ON rpminfo (name, version, release, arch, external_repo_id) WHERE draft IS NOT TRUE;
CREATE INDEX IF NOT EXISTS rpminfo_filename
    ON rpminfo ((name || '-' || version || '-' || release || '.' || arch || '.rpm')) INCLUDE (id);

-- Hubs cache reads of these tables (see V2).
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['package', 'tag', 'tag_config', 'tag_extra', 'tag_inheritance',
                             'build_target', 'build_target_config', 'archivetypes', 'btype', 'volume'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS kojinext_announce_change ON %I', t);
        EXECUTE format('CREATE TRIGGER kojinext_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %I FOR EACH STATEMENT EXECUTE FUNCTION kojinext_announce_change()', t);
    END LOOP;
END;
$$;
/* [jooq ignore stop] */
