package org.kojinext.builder.buildroot;

import org.kojinext.builder.Commands;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/** Makes a task's buildroot provider from what the buildroot is for. */
@FunctionalInterface
public interface BuildrootFactory {
    /**
     * What a buildroot is for: the build tag, the repo it installs from and the buildroot record
     * the hub keeps of it (null when the task has no repo, as a buildSRPMFromSCM run alone).
     */
    record Spec(String tagName, Integer repoId, Integer buildrootId, String arch, String topurl) {
    }

    BuildrootProvider create(Spec spec);

    /** The host's rpmbuild (not hermetic; see RpmbuildProvider). */
    static BuildrootFactory rpmbuild() {
        return spec -> new RpmbuildProvider();
    }

    /** mock with the config kojid writes for the build tag's repo. */
    static BuildrootFactory mock() {
        return spec -> {
            if (spec.repoId() == null || spec.buildrootId() == null) {
                throw new KojiFault(FaultCode.BUILDROOT, "a mock buildroot needs a repo of the build tag");
            }
            return new MockProvider(MockConfig.forBuildTag(spec.tagName(), spec.repoId(), spec.buildrootId(),
                    spec.arch(), spec.topurl()));
        };
    }

    /** kojid's choice where both may exist: mock when it is installed, rpmbuild otherwise. */
    static BuildrootFactory auto() {
        return MockProvider.available(Commands.SAFE_PATH) ? mock() : rpmbuild();
    }

    /** By name, as --buildroot takes it: auto, mock or rpmbuild. */
    static BuildrootFactory named(String name) {
        return switch (name) {
            case "auto" -> auto();
            case "mock" -> mock();
            case "rpmbuild" -> rpmbuild();
            default -> throw new IllegalArgumentException("--buildroot takes auto, mock or rpmbuild, not " + name);
        };
    }
}
