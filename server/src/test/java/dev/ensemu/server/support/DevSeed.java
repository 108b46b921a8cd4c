package dev.ensemu.server.support;

/** The keys of the bundled development seed, as the README publishes them. */
public final class DevSeed {
    public static final String KEY_ID = "LTAIEnsemuDevAccess01";
    public static final String SECRET = "EnsemuDevSecretDoNotUseInProduction01";
    public static final int IMAGE_COUNT = 24;
    public static final String OTHER_KEY_ID = "LTAIEnsemuOtherAcct01";
    public static final String OTHER_SECRET = "EnsemuOtherSecretDoNotUseInProduction01";
    public static final int OTHER_IMAGE_COUNT = 9;
    public static final String NO_PERMISSION_KEY_ID = "LTAIEnsemuNoPermission1";
    public static final String NO_PERMISSION_SECRET = "EnsemuNoPermissionSecret01";

    private DevSeed() {}
}
