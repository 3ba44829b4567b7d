package org.kojinext.cli.commands.history;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kojinext.cli.Py;

/**
 * The sentences list-history prints for a row of each versioned table: what an edit, a creation
 * and a revocation of it read as, with {field} standing for the row's values.
 */
final class HistoryLines {
    private static final Pattern FIELD = Pattern.compile("\\{([^}]+)}");

    /** Each table's key columns: rows with equal keys at one event are an edit. */
    static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("user_perms", List.of("user_id", "perm_id")),
            Map.entry("user_groups", List.of("user_id", "group_id")),
            Map.entry("cg_users", List.of("user_id", "cg_id")),
            Map.entry("tag_inheritance", List.of("tag_id", "parent_id")),
            Map.entry("tag_config", List.of("tag_id")),
            Map.entry("tag_extra", List.of("tag_id", "key")),
            Map.entry("build_target_config", List.of("build_target_id")),
            Map.entry("external_repo_config", List.of("external_repo_id")),
            Map.entry("external_repo_data", List.of("external_repo_id")),
            Map.entry("host_config", List.of("host_id")),
            Map.entry("host_channels", List.of("host_id", "channel_id")),
            Map.entry("tag_external_repos", List.of("tag_id", "external_repo_id")),
            Map.entry("tag_listing", List.of("build_id", "tag_id")),
            Map.entry("tag_packages", List.of("package_id", "tag_id")),
            Map.entry("tag_package_owners", List.of("package_id", "tag_id")),
            Map.entry("group_config", List.of("group_id", "tag_id")),
            Map.entry("group_req_listing", List.of("group_id", "tag_id", "req_id")),
            Map.entry("group_package_listing", List.of("group_id", "tag_id", "package")));

    /** table → {edit, create, revoke}. */
    private static final Map<String, List<String>> TEXTS = Map.ofEntries(
            Map.entry("tag_listing", List.of("{name}-{version}-{release} re-tagged into {tag.name}",
                    "{name}-{version}-{release} tagged into {tag.name}",
                    "{name}-{version}-{release} untagged from {tag.name}")),
            Map.entry("user_perms", List.of("permission {permission.name} re-granted to {user.name}",
                    "permission {permission.name} granted to {user.name}",
                    "permission {permission.name} revoked for {user.name}")),
            Map.entry("user_groups", List.of("user {user.name} re-added to group {group.name}",
                    "user {user.name} added to group {group.name}",
                    "user {user.name} removed from group {group.name}")),
            Map.entry("cg_users", List.of("user {user.name} re-added to content generator {content_generator.name}",
                    "user {user.name} added to content generator {content_generator.name}",
                    "user {user.name} removed from content generator {content_generator.name}")),
            Map.entry("tag_packages", List.of("package list entry for {package.name} in {tag.name} updated",
                    "package list entry created: {package.name} in {tag.name}",
                    "package list entry revoked: {package.name} in {tag.name}")),
            Map.entry("tag_package_owners", List.of("package owner changed for {package.name} in {tag.name}",
                    "package owner {owner.name} set for {package.name} in {tag.name}",
                    "package owner {owner.name} revoked for {package.name} in {tag.name}")),
            Map.entry("tag_inheritance", List.of("inheritance line {tag.name}->{parent.name} updated",
                    "inheritance line {tag.name}->{parent.name} added",
                    "inheritance line {tag.name}->{parent.name} removed")),
            Map.entry("tag_config", List.of("tag configuration for {tag.name} altered", "new tag: {tag.name}",
                    "tag deleted: {tag.name}")),
            Map.entry("tag_extra", List.of("tag option {key} for tag {tag.name} altered",
                    "added tag option {key} for tag {tag.name}", "tag option {key} removed for {tag.name}")),
            Map.entry("host_config", List.of("host configuration for {host.name} altered", "new host: {host.name}",
                    "host deleted: {host.name}")),
            // Koji has no edit sentence for host_channels: an edit reads as its revocation.
            Map.entry("host_channels", List.of("host {host.name} removed from channel {channels.name}",
                    "host {host.name} added to channel {channels.name}",
                    "host {host.name} removed from channel {channels.name}")),
            Map.entry("build_target_config", List.of("build target configuration for {build_target.name} updated",
                    "new build target: {build_target.name}", "build target deleted: {build_target.name}")),
            Map.entry("external_repo_config", List.of("external repo configuration for {external_repo.name} altered",
                    "new external repo: {external_repo.name}", "external repo deleted: {external_repo.name}")),
            Map.entry("external_repo_data", List.of("tracking data for external repo {external_repo.name} altered",
                    "new tracking data for external repo {external_repo.name}",
                    "deleted tracking data for external repo {external_repo.name}")),
            Map.entry("tag_external_repos", List.of(
                    "external repo entry for {external_repo.name} in tag {tag.name} updated",
                    "external repo entry for {external_repo.name} added to tag {tag.name}",
                    "external repo entry for {external_repo.name} removed from tag {tag.name}")),
            Map.entry("group_config", List.of("group {group.name} configuration for tag {tag.name} updated",
                    "group {group.name} added to tag {tag.name}", "group {group.name} removed from tag {tag.name}")),
            Map.entry("group_req_listing", List.of("group dependency {group.name}->{req.name} updated in tag {tag.name}",
                    "group dependency {group.name}->{req.name} added in tag {tag.name}",
                    "group dependency {group.name}->{req.name} dropped from tag {tag.name}")),
            Map.entry("group_package_listing", List.of(
                    "package entry {package} in group {group.name}, tag {tag.name} updated",
                    "package {package} added to group {group.name} in tag {tag.name}",
                    "package {package} removed from group {group.name} in tag {tag.name}")));

    private HistoryLines() {
    }

    static String sentence(String table, boolean edit, boolean create, Map<String, Object> x) {
        List<String> t = TEXTS.get(table);
        if (t == null) {
            return table + (edit ? " entry updated" : create ? " entry created" : " entry revoked");
        }
        return fill(t.get(edit ? 0 : create ? 1 : 2), x);
    }

    static String fill(String template, Map<String, Object> x) {
        Matcher m = FIELD.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(Py.str(x.get(m.group(1)))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
