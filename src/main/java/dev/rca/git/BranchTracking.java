package dev.rca.git;

import dev.rca.RcaException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;

/**
 * The refs git's {@code <branch>@{upstream}} and {@code <branch>@{push}} name ({@code branch_get_upstream} and
 * {@code branch_get_push} in git's {@code remote.c}), with git's reasons when there is none.
 */
final class BranchTracking {
    private final Repository repository;
    private final Config config;

    BranchTracking(Repository repository) {
        this.repository = repository;
        this.config = repository.getConfig();
    }

    /**
     * The remote-tracking (or, with remote {@code .}, local) ref {@code branch} merges from; {@code branch} empty
     * is the current branch.
     *
     * @throws RcaException exit 3 with git's reason when there is none
     */
    String upstream(String branch) throws IOException {
        String name = branchName(branch);
        String merge = config.getString(ConfigConstants.CONFIG_BRANCH_SECTION, name, ConfigConstants.CONFIG_KEY_MERGE);
        String remote = config.getString(ConfigConstants.CONFIG_BRANCH_SECTION, name,
            ConfigConstants.CONFIG_KEY_REMOTE);
        if (remote == null && !config.getSubsections(ConfigConstants.CONFIG_REMOTE_SECTION)
            .contains(Constants.DEFAULT_REMOTE_NAME)) {
            merge = null; // git sets up no merge without a remote, and origin is not configured
        }
        if (merge == null) {
            if (repository.exactRef(Constants.R_HEADS + name) == null) {
                throw RcaException.badInput("no such branch: '" + name + "'");
            }
            throw RcaException.badInput("no upstream configured for branch '" + name + "'");
        }
        if (".".equals(remote)) {
            return merge;
        }
        String tracking = applyFirst(remoteConfig(remote == null ? Constants.DEFAULT_REMOTE_NAME : remote)
            .getFetchRefSpecs(), merge);
        if (tracking == null) {
            throw RcaException.badInput("upstream branch '" + merge + "' not stored as a remote-tracking branch");
        }
        return tracking;
    }

    /**
     * The remote-tracking ref a {@code git push} of {@code branch} would update, by the remote's push refspecs or
     * else by {@code push.default}; {@code branch} empty is the current branch.
     *
     * @throws RcaException exit 3 with git's reason when there is none
     */
    String push(String branch) throws IOException {
        String name = branchName(branch);
        String refName = Constants.R_HEADS + name;
        String remoteName = pushRemote(name);
        RemoteConfig remote = remoteConfig(remoteName);
        if (!remote.getPushRefSpecs().isEmpty()) {
            String destination = applyFirst(remote.getPushRefSpecs(), refName);
            if (destination == null) {
                throw RcaException.badInput("push refspecs for '" + remoteName + "' do not include '" + name + "'");
            }
            return trackingForPush(remote, destination);
        }
        if (remote.isMirror()) {
            return trackingForPush(remote, refName);
        }
        String mode = config.getString("push", null, "default");
        switch (mode == null ? "simple" : mode) {
            case "nothing":
                throw RcaException.badInput("push has no destination (push.default is 'nothing')");
            case "matching", "current":
                return trackingForPush(remote, refName);
            case "upstream", "tracking":
                return upstream(name);
            case "simple": {
                String upstream = upstream(name);
                if (!trackingForPush(remote, refName).equals(upstream)) {
                    throw RcaException.badInput("cannot resolve 'simple' push to a single destination");
                }
                return upstream;
            }
            default:
                throw RcaException.badInput("push.default has a value rca does not know: '" + mode + "'");
        }
    }

    /** The branch's short name; empty is the branch HEAD names. */
    private String branchName(String branch) throws IOException {
        if (!branch.isEmpty()) {
            return branch.startsWith(Constants.R_HEADS) ? branch.substring(Constants.R_HEADS.length()) : branch;
        }
        Ref head = repository.exactRef(Constants.HEAD);
        if (head == null || !head.isSymbolic() || !head.getTarget().getName().startsWith(Constants.R_HEADS)) {
            throw RcaException.badInput("HEAD does not point to a branch");
        }
        return head.getTarget().getName().substring(Constants.R_HEADS.length());
    }

    /** branch.&lt;name&gt;.pushRemote, remote.pushDefault, branch.&lt;name&gt;.remote, then origin, as git picks. */
    private String pushRemote(String name) {
        for (String remote : new String[] {
            config.getString(ConfigConstants.CONFIG_BRANCH_SECTION, name, "pushRemote"),
            config.getString(ConfigConstants.CONFIG_REMOTE_SECTION, null, "pushDefault"),
            config.getString(ConfigConstants.CONFIG_BRANCH_SECTION, name, ConfigConstants.CONFIG_KEY_REMOTE)}) {
            if (remote != null) {
                return remote;
            }
        }
        return Constants.DEFAULT_REMOTE_NAME;
    }

    private String trackingForPush(RemoteConfig remote, String destination) {
        String tracking = applyFirst(remote.getFetchRefSpecs(), destination);
        if (tracking == null) {
            throw RcaException.badInput("push destination '" + destination + "' on remote '" + remote.getName()
                + "' has no local tracking branch");
        }
        return tracking;
    }

    private RemoteConfig remoteConfig(String name) {
        try {
            return new RemoteConfig(config, name);
        } catch (URISyntaxException e) {
            throw RcaException.badInput("remote '" + name + "' has a bad URL: " + e.getMessage(), e);
        }
    }

    /** Where the first refspec that takes {@code source} maps it, or null (git's {@code apply_refspecs}). */
    private static String applyFirst(List<RefSpec> specs, String source) {
        for (RefSpec spec : specs) {
            if (!spec.isNegative() && spec.getDestination() != null && spec.matchSource(source)) {
                return spec.expandFromSource(source).getDestination();
            }
        }
        return null;
    }
}
